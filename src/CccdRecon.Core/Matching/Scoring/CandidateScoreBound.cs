using CccdRecon.Core.Addresses;
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
    private readonly double _addressByParts = Math.Max(0, model.MaxWeight((int)MatchField.Address));
    private readonly double _addressByPartsOtherHouse = Math.Max(0, MaxWeightFrom(model, MatchField.Address, (int)AddressMatchLevel.SameHamlet));
    private readonly double _addressAsText = Math.Max(0, model.MaxWeight((int)MatchField.AddressText));
    private readonly double _addressDifferent = Math.Max(0, model.Weight(MatchField.Address, (int)AddressMatchLevel.Different));

    /// <summary>The most an address can add, by parts or as text (one or the other is compared), whatever the two addresses.</summary>
    public double AddressAny => Math.Max(_addressByParts, _addressAsText);

    /// <summary>
    /// The most the address can add for two addresses both sides have (<see cref="FieldComparer.CompareAddress"/>), from
    /// their sketches alone (<see cref="AddressSketch"/>):
    /// <list type="bullet">
    /// <item>provinces whose successors on the 2025 map differ: the comparison is by parts and says Different;</item>
    /// <item>house numbers that differ: by parts at most the same hamlet (the same house needs the same number), as text
    /// (neither side reads as Vietnamese) at most the text's best level;</item>
    /// <item>otherwise whatever either comparison can reach (by parts only, if either side reads as Vietnamese).</item>
    /// </list>
    /// Never below 0, like the ceiling it tightens: an upper bound, not the weight.
    /// </summary>
    public double AddressCeiling(in AddressSketch form, in AddressSketch record)
    {
        if (AddressSketch.ProvincesDiffer(form, record)) return _addressDifferent;
        var byParts = form.Vietnamese || record.Vietnamese;
        if (AddressSketch.HousesDiffer(form, record)) return byParts ? _addressByPartsOtherHouse : _addressAsText;
        return byParts ? _addressByParts : AddressAny;
    }

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
            NameReach.Agreement => names.OwnAgreementCeiling(agreeing, this, index),
            NameReach.KeyingError => _nameBelowAgreement,
            _ => _nameUnlike,
        };
    }

    /// <summary>
    /// The most an agreeing name can add, for its frequency in the registry (<paramref name="frequency"/>): its weight by
    /// that frequency, never below the untuned agreement's or the best disagreeing level's. The form's namesakes all ask
    /// this of one frequency: <see cref="FormNames.OwnAgreementCeiling"/> keeps the answer.
    /// </summary>
    public double AgreementCeiling(double frequency) =>
        Math.Max(_nameBelowAgreement, Math.Max(_nameAgreementUntuned, model.NameAgreeWeight(frequency)));

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

    private static double MaxWeightFrom(MatchModel model, NameLevel from) => MaxWeightFrom(model, MatchField.FullName, (int)from);

    private static double MaxWeightFrom(MatchModel model, MatchField field, int from)
    {
        var max = double.NegativeInfinity;
        for (var l = from; l < FieldCatalog.Of(field).LevelCount; l++) max = Math.Max(max, model.Weight(field, l));
        return max;
    }
}
