using CccdRecon.Core.Addresses;

namespace CccdRecon.Core.Matching;

// Each field's comparison levels, strongest agreement first. Each level has a rank (LevelSpec.Rank): training never
// lets a level weigh more than a level of a lower rank (see MonotoneWeights), levels of one rank are different kinds of
// near agreement that nothing orders among themselves (a swapped day and month is not "more" than a lunar reading),
// and a level that means "differs" never weighs more than 0 bits. The numeric values are the model's level indexes
// and are stored in model.json by name.

/// <summary>How a form's full name compares with a record's.</summary>
internal enum NameLevel : sbyte
{
    /// <summary>Same name apart from cosmetic differences.</summary>
    Agree,
    /// <summary>A regional surname pair (Hoàng/Huỳnh, Vũ/Võ).</summary>
    RegionalVariant,
    /// <summary>A middle name dropped or added.</summary>
    MiddleName,
    /// <summary>The same syllables in another order.</summary>
    NameOrder,
    /// <summary>One edit or one wrong tone in one syllable.</summary>
    Spelling,
    /// <summary>Similar beyond one spelling change (Jaro–Winkler ≥ 0.92, given names alike).</summary>
    SimilarHigh,
    /// <summary>Somewhat similar (Jaro–Winkler ≥ 0.85, given names alike).</summary>
    Similar,
    Different,
}

/// <summary>How a form's date of birth compares with a record's.</summary>
internal enum DateLevel : sbyte
{
    /// <summary>The same full date.</summary>
    Equal,
    DayMonthSwapped,
    /// <summary>The form's date, read as a lunar date, is the record's solar date.</summary>
    LunarDate,
    /// <summary>Full dates one digit apart.</summary>
    OneDigitOff,
    /// <summary>Same day and month, the year one off.</summary>
    YearOffByOne,
    /// <summary>One side knows only the year or month, and it agrees: weak evidence (a year is shared by thousands).</summary>
    ConsistentPartial,
    Different,
}

internal enum GenderLevel : sbyte
{
    Agree,
    Disagree,
}

/// <summary>How a form's ID number compares with a record's.</summary>
internal enum IdLevel : sbyte
{
    Equal,
    Transposition,
    OneDigit,
    /// <summary>No comparable number on the record; the form's 12-digit number encodes the record's gender and birth year.</summary>
    Consistent,
    Different,
    /// <summary>No comparable number on the record; the form's number contradicts its gender or birth year.</summary>
    Inconsistent,
}

/// <summary>How a parent's name on the form compares with the record's.</summary>
internal enum ParentLevel : sbyte
{
    Agree,
    /// <summary>Alike (spelling, regional surname, a middle name) but not the same.</summary>
    Similar,
    Different,
}

internal enum BirthPlaceLevel : sbyte
{
    Agree,
    Different,
}

/// <summary>How two addresses that neither reads as Vietnamese compare as text (token-set similarity of the folded text).</summary>
internal enum AddressTextLevel : sbyte
{
    Close,
    Partial,
    Different,
}

/// <summary>What a level says about the pair, which decides how training and the decision rules may use it.</summary>
internal enum LevelMeaning
{
    /// <summary>The values agree (cosmetic differences aside).</summary>
    Agrees,
    /// <summary>The values agree but for a keying error (a typo, a swap, another calendar).</summary>
    Near,
    /// <summary>Consistent as far as both sides go, but one side says little (a year only).</summary>
    Partial,
    /// <summary>The values differ: never evidence for a match (held at 0 bits or below).</summary>
    Differs,
}

/// <summary>One comparison level of a field: its name, what it means, whether it can corroborate a link, starting m and u.</summary>
/// <param name="Corroborates">
/// True when agreement at this level can be the independent identifier a link needs (see
/// <see cref="DecisionRules.HasAgreeingStrongIdentifier"/>); it must also weigh at least
/// <see cref="MatchingOptions.CorroborationBits"/>.
/// </param>
/// <param name="Rank">
/// The level's place in the field's order of evidence, 0 for the strongest: a level never weighs more than one of a
/// lower rank (<see cref="MonotoneWeights"/>). Levels of equal rank are not ordered among themselves: which of two kinds
/// of keying error is the better evidence is for the data to say, not the catalog.
/// </param>
internal sealed record LevelSpec(string Name, LevelMeaning Meaning, bool Corroborates, double InitialM, double InitialU, int Rank);

/// <summary>A field's levels, strongest agreement first.</summary>
internal sealed record FieldSpec(MatchField Field, string Name, LevelSpec[] Levels)
{
    public int LevelCount => Levels.Length;

    public int IndexOf(string level) => Array.FindIndex(Levels, l => l.Name == level);
}

/// <summary>The fields the model weighs and their levels, with starting m and u before the data re-estimates them.</summary>
internal static class FieldCatalog
{
    public const int Count = 9;

    private static LevelSpec L(int rank, string name, LevelMeaning meaning, double m, double u, bool corroborates = false) => new(name, meaning, corroborates, m, u, rank);

    private const LevelMeaning Agrees = LevelMeaning.Agrees, Near = LevelMeaning.Near, Partial = LevelMeaning.Partial, Differs = LevelMeaning.Differs;

    public static readonly FieldSpec[] Fields =
    [
        new(MatchField.FullName, FlaggableField.FullName,
        [
            L(0, "agree", Agrees, 0.80, 2e-5), L(1, "regional_variant", Near, 0.03, 2e-6), L(1, "middle_name", Near, 0.05, 2e-5),
            L(1, "name_order", Near, 0.01, 1e-7), L(1, "spelling", Near, 0.06, 1e-4), L(2, "similar_high", Near, 0.02, 2e-4),
            L(3, "similar", Differs, 0.02, 0.01), L(4, "different", Differs, 0.01, 0.98968),
        ]),
        new(MatchField.DateOfBirth, FlaggableField.DateOfBirth,
        [
            L(0, "equal", Agrees, 0.82, 3.5e-5, corroborates: true), L(1, "day_month_swapped", Near, 0.02, 3e-5, corroborates: true),
            L(1, "lunar_date", Near, 0.02, 3e-5, corroborates: true), L(1, "one_digit_off", Near, 0.03, 6e-4, corroborates: true),
            L(1, "year_off_by_one", Near, 0.02, 7e-5, corroborates: true), L(1, "consistent_partial", Partial, 0.06, 0.012),
            L(2, "different", Differs, 0.03, 0.98726),
        ]),
        new(MatchField.Gender, FlaggableField.Gender,
        [
            L(0, "agree", Agrees, 0.98, 0.5), L(1, "disagree", Differs, 0.02, 0.5),
        ]),
        new(MatchField.PersonalId, FlaggableField.PersonalId,
        [
            L(0, "equal", Agrees, 0.86, 1e-8, corroborates: true), L(1, "transposition", Near, 0.02, 1e-8, corroborates: true),
            L(1, "one_digit", Near, 0.04, 1e-7, corroborates: true), L(2, "consistent", Partial, 0.05, 0.03),
            L(3, "different", Differs, 0.02, 0.92), L(3, "inconsistent", Differs, 0.01, 0.05),
        ]),
        new(MatchField.FatherName, FlaggableField.FatherName,
        [
            L(0, "agree", Agrees, 0.88, 2e-4, corroborates: true), L(1, "similar", Near, 0.08, 3e-3, corroborates: true),
            L(2, "different", Differs, 0.04, 0.9968),
        ]),
        new(MatchField.MotherName, FlaggableField.MotherName,
        [
            L(0, "agree", Agrees, 0.88, 2e-4, corroborates: true), L(1, "similar", Near, 0.08, 3e-3, corroborates: true),
            L(2, "different", Differs, 0.04, 0.9968),
        ]),
        new(MatchField.BirthPlace, "birth_place",
        [
            L(0, "agree", Agrees, 0.95, 0.04), L(1, "different", Differs, 0.05, 0.96),
        ]),
        // The address by parts (see AddressComparer), its levels in the order of AddressMatchLevel. A commune is home to
        // thousands: only the same hamlet or street, or house, can corroborate a link.
        new(MatchField.Address, "permanent_address",
        [
            L(0, Level(AddressMatchLevel.SameHouse), Agrees, 0.40, 1e-5, corroborates: true),
            L(1, Level(AddressMatchLevel.SameHamlet), Agrees, 0.30, 5e-4, corroborates: true),
            L(2, Level(AddressMatchLevel.SameCommune), Partial, 0.10, 5e-3), L(3, Level(AddressMatchLevel.SameDistrict), Partial, 0.05, 0.03),
            L(4, Level(AddressMatchLevel.SameProvince), Partial, 0.10, 0.3), L(5, Level(AddressMatchLevel.Different), Differs, 0.05, 0.66449),
        ]),
        new(MatchField.AddressText, "permanent_address_text",
        [
            L(0, "close", Agrees, 0.70, 0.002, corroborates: true), L(1, "partial", Partial, 0.15, 0.03, corroborates: true), L(2, "different", Differs, 0.15, 0.968),
        ]),
    ];

    public static FieldSpec Of(MatchField field) => Fields[(int)field];

    /// <summary>"same_hamlet" for <see cref="AddressMatchLevel.SameHamlet"/>.</summary>
    private static string Level(AddressMatchLevel level) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(level.ToString());

    /// <summary>The fields that may corroborate a link: identifiers independent of the name.</summary>
    public static bool IsStrongIdentifier(MatchField field) =>
        field is MatchField.DateOfBirth or MatchField.PersonalId or MatchField.FatherName or MatchField.MotherName or MatchField.Address
            or MatchField.AddressText;
}
