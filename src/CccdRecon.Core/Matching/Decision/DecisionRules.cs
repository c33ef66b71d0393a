using CccdRecon.Core.Addresses;

namespace CccdRecon.Core.Matching;

/// <summary>
/// The rules a verification officer applies on top of the score, each under a name to search for. Fellegi–Sunter
/// treats fields as independent; namesakes from one commune, people born the same day and neighbours are where that
/// assumption fails, and these rules hold the line there: a link needs positive evidence from an identifier that
/// agrees, never from a field that differs.
/// </summary>
internal static class DecisionRules
{
    /// <summary>
    /// The name agrees up to keying errors: cosmetic differences, a regional surname, a middle name, the order, one letter
    /// or tone (<see cref="NameLevel.Spelling"/>), or a closer likeness with the given names alike
    /// (<see cref="NameLevel.SimilarHigh"/>). Siblings and twins are told apart by competition, not by this rule.
    /// </summary>
    public static bool NameAgrees(in LevelVector levels) => levels.Name is { } n && n <= NameLevel.SimilarHigh;

    /// <summary>
    /// The field is at a level that may corroborate a link (<see cref="LevelSpec.Corroborates"/>: it agrees, or nearly,
    /// never a level that differs) and its weight under the model is at least <see cref="MatchingOptions.CorroborationBits"/>.
    /// </summary>
    public static bool Corroborates(in LevelVector levels, MatchField field, MatchModel model, MatchingOptions options) =>
        AtCorroboratingLevel(levels, field) && model.Weight(field, levels[field]) >= options.CorroborationBits;

    /// <summary>
    /// The same rule on levels alone, before any weights exist: training counts only such pairs as possible matches, so
    /// that look-alikes the decision would never link (a namesake from the same commune) do not teach the model that
    /// a different ID number or date is common among matches.
    /// </summary>
    public static bool CouldBeLinked(in LevelVector levels)
    {
        if (!NameAgrees(levels))
        {
            // A name read and found unlike links by its address only at one household (see OnlyTheNameIsGarbled).
            var addressAgrees = NameReadAndUnlike(levels)
                ? levels.Address == AddressMatchLevel.SameHouse || AtCorroboratingLevel(levels, MatchField.AddressText)
                : AtCorroboratingLevel(levels, MatchField.Address) || AtCorroboratingLevel(levels, MatchField.AddressText);
            return AtCorroboratingLevel(levels, MatchField.DateOfBirth)
                && (AtCorroboratingLevel(levels, MatchField.PersonalId) || addressAgrees && NothingButTheNameDiffers(levels));
        }
        if (LikeNameAndAnIdentifierDiffers(levels) || AnotherIdNumberWithoutFirmAgreement(levels)) return false;
        foreach (var field in StrongIdentifiers)
            if (AtCorroboratingLevel(levels, field)) return true;
        return false;
    }

    private static bool AtCorroboratingLevel(in LevelVector levels, MatchField field) =>
        levels[field] is var l and >= 0 && FieldCatalog.Of(field).Levels[l].Corroborates;

    /// <summary>At least one identifier independent of the name agrees: the date, the ID number, a parent, or the address.</summary>
    public static bool HasAgreeingStrongIdentifier(in LevelVector levels, MatchModel model, MatchingOptions options)
    {
        foreach (var field in StrongIdentifiers)
            if (Corroborates(levels, field, model, options)) return true;
        return false;
    }

    /// <summary>Both the ID number and the date agree: enough to link a form whose name is garbled or unreadable.</summary>
    public static bool IdAndDateAgree(in LevelVector levels, MatchModel model, MatchingOptions options) =>
        Corroborates(levels, MatchField.PersonalId, model, options) && Corroborates(levels, MatchField.DateOfBirth, model, options);

    /// <summary>
    /// The name is only like the record's (<see cref="NameLevel.SimilarHigh"/>: no single keying slip explains the difference)
    /// and an identifier independent of it contradicts the record — another ID number (<see cref="IdContradicts"/>), another
    /// father or mother, or another date of birth beside parents that agree — with no ID number agreeing. One person keyed
    /// badly explains one disagreement; a sibling or cousin at the same address, born the same day or a year apart,
    /// carries a like name and their own number, parents or birthday. A sibling's parents are the record's parents, so
    /// they cannot vouch for a like name born on another day. An identified slip (one letter, a middle name, a regional
    /// surname) beside a relative's number keyed in stays linkable, flagged.
    /// </summary>
    public static bool LikeNameAndAnIdentifierDiffers(in LevelVector levels) =>
        levels.Name == NameLevel.SimilarHigh
        && levels.Id is not (IdLevel.Equal or IdLevel.Transposition or IdLevel.OneDigit)
        && (IdContradicts(levels) || levels.Father == ParentLevel.Different || levels.Mother == ParentLevel.Different
            || levels.Date == DateLevel.Different && AParentAgrees(levels));

    /// <summary>The father or the mother agrees, or nearly (a level that may corroborate).</summary>
    private static bool AParentAgrees(in LevelVector levels) =>
        AtCorroboratingLevel(levels, MatchField.FatherName) || AtCorroboratingLevel(levels, MatchField.MotherName);

    /// <summary>
    /// The form carries another ID number than the record (<see cref="IdContradicts"/>). A person's own number keyed badly
    /// compares as a transposition or one digit, levels that agree; a whole other number is most often another person's:
    /// a namesake of the same age in the same hamlet, or a relative whose number was copied onto the form. Such a link
    /// stands only on an identifier that agrees firmly — the date to the day as written (<see cref="DateLevel.Equal"/>) or
    /// a parent — and with no other identifier differing (<see cref="AnIdentifierBesidesTheIdDiffers"/>). A date that only
    /// nearly or partly agrees (a digit or a year off, a year only, a lunar reading) is what a namesake of the same age
    /// offers by chance: given names follow fashions, so people who share a name cluster by birth year.
    /// </summary>
    public static bool AnotherIdNumberWithoutFirmAgreement(in LevelVector levels) =>
        IdContradicts(levels)
        && (!(levels.Date == DateLevel.Equal || levels.Father == ParentLevel.Agree || levels.Mother == ParentLevel.Agree)
            || AnIdentifierBesidesTheIdDiffers(levels));

    /// <summary>The date, the gender, the father or the mother differs: a second contradiction beside another ID number.</summary>
    public static bool AnIdentifierBesidesTheIdDiffers(in LevelVector levels) =>
        levels.Date == DateLevel.Different || levels.Gender == GenderLevel.Disagree
        || levels.Father == ParentLevel.Different || levels.Mother == ParentLevel.Different;

    /// <summary>The ID numbers differ, or the form's number contradicts the record's gender or birth year.</summary>
    public static bool IdContradicts(in LevelVector levels) => levels.Id is IdLevel.Different or IdLevel.Inconsistent;

    /// <summary>
    /// A form whose name is garbled but whose date and address agree, with no ID number to hand, and nothing else differs:
    /// the same person keyed badly. A name that was read and is unlike the record's — somewhat similar
    /// (<see cref="NameLevel.Similar"/>: beyond any keying slip) or a whole other name — needs the address to point at one
    /// household (<see cref="AddressIdentifiesHousehold"/>): a hamlet is home to hundreds, and another name born the same
    /// day in the same hamlet is a neighbour, a twin or a cousin (twins are often given rhyming names), not a keying slip.
    /// A name that could not be read at all needs an address that corroborates (the same hamlet or closer). A parent that
    /// agrees is the signature of a twin or sibling; a different gender, parent, birth place or ID number is a second
    /// disagreement a garbled name does not explain.
    /// </summary>
    public static bool OnlyTheNameIsGarbled(in LevelVector levels, MatchModel model, MatchingOptions options)
    {
        if (!Corroborates(levels, MatchField.DateOfBirth, model, options)) return false;
        var addressAgrees = NameReadAndUnlike(levels)
            ? AddressIdentifiesHousehold(levels, model, options)
            : Corroborates(levels, MatchField.Address, model, options) || Corroborates(levels, MatchField.AddressText, model, options);
        if (!addressAgrees) return false;
        if (levels.Father == ParentLevel.Agree || levels.Mother == ParentLevel.Agree) return false;
        return NothingButTheNameDiffers(levels);
    }

    /// <summary>The name was read on both sides and is unlike the record's: <see cref="NameLevel.Similar"/> or <see cref="NameLevel.Different"/>.</summary>
    private static bool NameReadAndUnlike(in LevelVector levels) => levels.Name is NameLevel.Similar or NameLevel.Different;

    /// <summary>No field but the name is at a level that means it differs.</summary>
    private static bool NothingButTheNameDiffers(in LevelVector levels)
    {
        for (var f = 0; f < FieldCatalog.Count; f++)
            if (f != (int)MatchField.FullName && levels[f] is var l and >= 0 && FieldCatalog.Fields[f].Levels[l].Meaning == LevelMeaning.Differs) return false;
        return true;
    }

    /// <summary>
    /// The address points at one household: the same house (<see cref="AddressMatchLevel.SameHouse"/>), or, for an address
    /// that is not Vietnamese and is compared as text, a line that agrees (house number and street with it).
    /// </summary>
    public static bool AddressIdentifiesHousehold(in LevelVector levels, MatchModel model, MatchingOptions options) =>
        (levels.Address == AddressMatchLevel.SameHouse && Corroborates(levels, MatchField.Address, model, options))
        || Corroborates(levels, MatchField.AddressText, model, options);

    /// <summary>
    /// Null when the candidate may be linked, else why not: the name agrees and a strong identifier agrees
    /// (<see cref="HasAgreeingStrongIdentifier"/>), or the name does not agree but the ID number and the date do
    /// (<see cref="IdAndDateAgree"/>: a garbled name), or the date and address do and nothing else differs (<see cref="OnlyTheNameIsGarbled"/>).
    /// The score must still reach the threshold: these rules only forbid.
    /// </summary>
    public static string? WhyNotLinkable(in LevelVector levels, MatchModel model, MatchingOptions options)
    {
        if (NameAgrees(levels))
            return !HasAgreeingStrongIdentifier(levels, model, options) ? "agrees on the name only: no date, ID number, parent or address agrees with it"
                : LikeNameAndAnIdentifierDiffers(levels) ? "has a name only like the form's and another ID number or parent, or another birthday with the same parents: a relative's signature, not one person's slips"
                : AnotherIdNumberWithoutFirmAgreement(levels) ? "has another ID number, and neither the full date nor a parent agrees firmly without a second contradiction: a look-alike's signature"
                : null;
        return IdAndDateAgree(levels, model, options) || OnlyTheNameIsGarbled(levels, model, options) ? null
            : "differs in name and lacks an agreeing ID number and date (or, nothing else differing, date and address)";
    }

    /// <summary>
    /// After the ID stage: the ID number agrees and so does the name — any other record lacks the ID's bits and cannot
    /// come within the ambiguity margin, so no later stage is probed.
    /// </summary>
    public static bool IdentitySettles(in LevelVector levels) => levels.Id == IdLevel.Equal && NameAgrees(levels);

    /// <summary>
    /// After the name-and-full-date stage: name and full date agree exactly and the form's ID, if any, does not
    /// contradict the record; every namesake born that day is already among the candidates.
    /// </summary>
    public static bool NameAndDateSettle(in LevelVector levels, bool formHasId) =>
        levels.Name == NameLevel.Agree && levels.Date == DateLevel.Equal
        && (!formHasId || levels.Id is IdLevel.Equal or IdLevel.Transposition or IdLevel.OneDigit);

    private static readonly MatchField[] StrongIdentifiers =
        Enum.GetValues<MatchField>().Where(FieldCatalog.IsStrongIdentifier).ToArray();
}
