using CccdRecon.Core.Names;

namespace CccdRecon.Core.Matching;

/// <summary>
/// The most a candidate can score before its name is compared. The date, gender, ID number and birth place are
/// compared exactly first (a few integer and digit comparisons); the name, the dearest of the core fields, is bounded by
/// the best level its folded text leaves possible (<see cref="NameCeiling"/>). Parents and address add their own
/// ceilings (<see cref="CandidateScorer"/>). A true upper bound: the score in full never exceeds it (PruningTests check
/// every candidate against exhaustive scoring).
/// </summary>
internal sealed class CandidateScoreBound(RegistryIndex index, MatchModel model)
{
    private readonly double _nameBelowAgreement = model.MaxWeightDisagreeing((int)MatchField.FullName);
    private readonly double _nameAgreementUntuned = model.Weight(MatchField.FullName, (int)NameLevel.Agree);
    private readonly double _nameUnlike = MaxWeightFrom(model, NameLevel.SimilarHigh);

    /// <summary>
    /// The most the full name can add, from the folded names alone (the form's other reading too, if it has one):
    /// <list type="bullet">
    /// <item>the same folded name: agreement, weighted by how rare the record's name is (every agreeing level, and a
    /// wrong tone, fold alike);</item>
    /// <item>the same given name, a one-syllable name, or folded names within one letter of each other in length: a
    /// keying error (<see cref="NameComparer"/>'s regional surname, middle name, order and spelling levels each need one
    /// of these);</item>
    /// <item>otherwise at most a likeness (<see cref="NameLevel.SimilarHigh"/> and below).</item>
    /// </list>
    /// </summary>
    public double NameCeiling(PersonProfile form, PersonProfile record)
    {
        using var read = index.Read();
        var names = new FormNames();
        names.Reset(form, index);
        return NameCeiling(form, names, RecordSketch.Of(record, index.NameIdOf(record.Name.FoldedKey)));
    }

    /// <summary>
    /// The same from the sketches (<see cref="RecordSketch"/>), the record's name unread: agreement is equal name numbers,
    /// and an agreeing name's frequency is the form's own (<see cref="FormNames"/>).
    /// </summary>
    public double NameCeiling(PersonProfile form, FormNames names, in RecordSketch record)
    {
        if (!form.Name.IsReadable) return 0;
        ref readonly var sketch = ref names.Sketch;
        var reach = Reach(sketch.NameId, sketch.Given, sketch.NameLength, sketch.HasSpace, record);
        var agreeing = false;
        if (form.Name.Alternative is not null)
        {
            var other = Reach(sketch.AlternativeNameId, sketch.AlternativeGiven, sketch.AlternativeLength, sketch.AlternativeHasSpace, record);
            // Both readings agreeing means they are one folded name: either frequency is the record's.
            agreeing = reach != NameReach.Agreement && other == NameReach.Agreement;
            reach = (NameReach)Math.Min((int)reach, (int)other);
        }
        return reach switch
        {
            NameReach.Agreement => Math.Max(_nameBelowAgreement, Math.Max(_nameAgreementUntuned, model.NameAgreeWeight(names.OwnFrequency(agreeing, index)))),
            NameReach.KeyingError => _nameBelowAgreement,
            _ => _nameUnlike,
        };
    }

    /// <summary>
    /// The rule that sets a candidate aside: even at its upper bound, alone against "none of these", it stays under
    /// the ambiguity threshold (<paramref name="floor"/>, the threshold's weight): it can be neither linked nor a close
    /// runner-up, and a verdict that leans on it is checked with it left out (see <see cref="Classification"/>).
    /// </summary>
    public static bool CannotReachThreshold(double ceiling, double floor) => ceiling < floor;

    private enum NameReach { Agreement, KeyingError, Likeness }

    /// <param name="formNameId">the form's folded name's number in the index (<see cref="RegistryIndex.NameIdOf"/>); 0, borne by no record, agrees with none</param>
    private static NameReach Reach(int formNameId, ulong formGiven, int formLength, bool formHasSpace, in RecordSketch record)
    {
        if (formNameId != 0 && formNameId == record.NameId) return NameReach.Agreement;
        if (Math.Abs(formLength - record.NameLength) <= 1) return NameReach.KeyingError;
        if (!formHasSpace || record.Given == 0) return NameReach.KeyingError;
        // Equal hashes of the given names are taken as equal names: at worst a higher bound.
        return formGiven == record.Given ? NameReach.KeyingError : NameReach.Likeness;
    }

    private static double MaxWeightFrom(MatchModel model, NameLevel from)
    {
        var max = double.NegativeInfinity;
        for (var l = (int)from; l < FieldCatalog.Of(MatchField.FullName).LevelCount; l++) max = Math.Max(max, model.Weight(MatchField.FullName, l));
        return max;
    }
}
