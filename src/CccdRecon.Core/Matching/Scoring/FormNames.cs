namespace CccdRecon.Core.Matching;

/// <summary>
/// What scoring needs of the form's own names, worked out once a form instead of once a candidate: their sketch
/// (<see cref="FormSketch"/>) and the registry frequency of each folded reading. A namesake's folded name is the form's
/// own, so its frequency (a dictionary lookup on the string, hashed anew each time) is the form's, asked once; an absent
/// person's form meets about fifty namesakes.
/// </summary>
internal sealed class FormNames
{
    private PersonProfile? _form;
    private FormSketch _sketch;
    private double _frequency, _alternativeFrequency;
    // The name's ceiling at agreement (CandidateScoreBound.AgreementCeiling) of each reading, for the bound that asked:
    // the same Log2 of the same frequency for each of the form's namesakes, worked out once.
    private CandidateScoreBound? _ceilingsOf;
    private double _agreementCeiling, _alternativeAgreementCeiling;

    public ref readonly FormSketch Sketch => ref _sketch;

    /// <summary>
    /// These names for <paramref name="form"/>: worked out anew only when the form is another one. Inside a
    /// <see cref="RegistryIndex.Read"/> scope of <paramref name="index"/>, which a form is scored in whole.
    /// </summary>
    public FormNames For(PersonProfile form, RegistryIndex index)
    {
        if (!ReferenceEquals(form, _form)) Reset(form, index);
        return this;
    }

    /// <summary>Starts a new form: the sketch now, the frequencies when first asked.</summary>
    public void Reset(PersonProfile form, RegistryIndex index)
    {
        _form = form;
        _sketch = FormSketch.Of(form, index);
        _frequency = _alternativeFrequency = double.NaN;
        _ceilingsOf = null;
    }

    /// <summary>
    /// <paramref name="bound"/>'s <see cref="CandidateScoreBound.AgreementCeiling"/> of the form's folded name's
    /// frequency, or of its other reading's: worked out the first time this form asks that bound, the same value after.
    /// </summary>
    public double OwnAgreementCeiling(bool alternative, CandidateScoreBound bound, RegistryIndex index)
    {
        if (!ReferenceEquals(bound, _ceilingsOf))
        {
            _ceilingsOf = bound;
            _agreementCeiling = _alternativeAgreementCeiling = double.NaN;
        }
        if (!alternative)
            return double.IsNaN(_agreementCeiling) ? _agreementCeiling = bound.AgreementCeiling(OwnFrequency(false, index)) : _agreementCeiling;
        return double.IsNaN(_alternativeAgreementCeiling)
            ? _alternativeAgreementCeiling = bound.AgreementCeiling(OwnFrequency(true, index))
            : _alternativeAgreementCeiling;
    }

    /// <summary><see cref="RegistryIndex.NameFrequency"/> of the form's folded name, or of its other reading.</summary>
    public double OwnFrequency(bool alternative, RegistryIndex index)
    {
        if (!alternative) return double.IsNaN(_frequency) ? _frequency = index.NameFrequency(_form!.Name.FoldedKey) : _frequency;
        return double.IsNaN(_alternativeFrequency) ? _alternativeFrequency = index.NameFrequency(_form!.Name.Alternative!.FoldedKey) : _alternativeFrequency;
    }

    /// <summary>
    /// <see cref="RegistryIndex.NameFrequency"/> of <paramref name="recordFolded"/>, a record's folded name: the form's own
    /// answer when the name is one of the form's readings, looked up otherwise.
    /// </summary>
    public double FrequencyOf(string recordFolded, RegistryIndex index)
    {
        var form = _form!;
        if (string.Equals(recordFolded, form.Name.FoldedKey, StringComparison.Ordinal)) return OwnFrequency(false, index);
        if (form.Name.Alternative is { } alternative && string.Equals(recordFolded, alternative.FoldedKey, StringComparison.Ordinal)) return OwnFrequency(true, index);
        return index.NameFrequency(recordFolded);
    }
}
