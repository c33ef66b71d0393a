namespace CccdRecon.Data.Json;

/// <summary>
/// The texts that recur in the engine's explanations (field and level names, blocking keys, the fixed details and
/// decisions), numbered for <see cref="PackedExplanation"/>'s coded form, and the templates of the texts that vary
/// only in a few words (a decision with its probabilities, a name's detail with its frequency). Stored rows refer to
/// these by number: an entry is never changed, removed or moved, only added at the end of its list. The texts are
/// copied here, not taken from the engine, so that a wording changed there later does not change what stored rows
/// read; a text not listed is written in full.
/// </summary>
internal static class ExplanationTexts
{
    private static readonly string[] Fields =
    [
        "full_name", "date_of_birth", "gender", "personal_id", "father_name", "mother_name", "birth_place", "permanent_address",
        "permanent_address_text",
    ];

    private static readonly string[] Levels =
    [
        "agree", "regional_variant", "middle_name", "name_order", "spelling", "similar_high", "similar", "different", "equal",
        "day_month_swapped", "lunar_date", "one_digit_off", "year_off_by_one", "consistent_partial", "disagree", "transposition",
        "one_digit", "consistent", "inconsistent", "same_house", "same_hamlet", "same_commune", "same_district", "same_province",
        "close", "partial", "not_compared", "missing",
    ];

    private static readonly string[] BlockingKeys =
    [
        "PersonalId", "LegacyId", "SurnameGivenYear", "GivenDate", "SurnameDate", "SortedNameYear", "SurnameGivenDayMonth",
        "NamePrefixYearMonth", "SortedName", "GivenYear", "Address", "FullDate", "SurnameGivenDate",
    ];

    private static readonly string[] Details =
    [
        "not compared: no address could change this decision",
        "not compared: even its best name kept this candidate's bound out of reach",
        "the form's name is unreadable: no evidence either way",
        "absent on one side: no evidence either way",
        "registry has no comparable number; the form's number encodes the record's gender and birth year",
        "registry has no comparable number; the form's number contradicts the record's gender or birth year",
        "identical", "unreadable name", "same syllables in another order", "one letter differs", "different name",
        "same name after normalization",
        "digits: Equal", "digits: Transposition", "digits: OneDigit", "digits: Different",
        "date comparison: Equal", "date comparison: LessPreciseConsistent", "date comparison: RegistryPartial",
        "date comparison: DayMonthSwapped", "date comparison: LunarDate", "date comparison: OneDigitOff",
        "date comparison: YearOffByOne", "date comparison: Different",
    ];

    private static readonly string[] Decisions =
    [
        "no registry record shares a blocking key with this form",
        "matched at 1.000 ≥ 0.900; every difference is cosmetic",
        "matched at 1.000 ≥ 0.900; 1 field(s) differ in substance",
        "matched at 1.000 ≥ 0.900; 2 field(s) differ in substance",
        "matched at 1.000 ≥ 0.900; 3 field(s) differ in substance",
        "matched at 1.000 ≥ 0.900; 4 field(s) differ in substance",
        "matched at 1.000 ≥ 0.900; 5 field(s) differ in substance",
        "agrees on the name only: no date, ID number, parent or address agrees with it",
        "has a name only like the form's and another ID number or parent, or another birthday with the same parents: a relative's signature, not one person's slips",
        "has another ID number, and neither the full date nor a parent agrees firmly without a second contradiction: a look-alike's signature",
        "differs in name and lacks an agreeing ID number and date (or, nothing else differing, date and address)",
    ];

    /// <summary>A name's cosmetic differences ("same name after letter case, spacing"): each step alone and each ordered pair.</summary>
    private static readonly string[] CosmeticSteps =
        ["Unicode NFD to NFC", "decoded from TCVN3", "decoded from VNI", "letter case", "spacing", "no diacritics", "tone-mark placement"];

    /// <summary>An address part's agreement in the address detail ("province agrees, district differs, …"): every combination.</summary>
    private static readonly string[] AddressParts = ["agrees", "agrees across the 2025 map", "differs", "cannot be compared", "absent"];

    /// <summary>Every numbered text, by number.</summary>
    public static readonly string[] Table = [.. Fields, .. Levels, .. BlockingKeys, .. Details, .. Decisions, .. Cosmetic(), .. Addresses()];

    /// <summary>
    /// Texts with holes: the constant parts, a hole between each two. A text is written by the first template whose
    /// parts it holds in order, its holes as texts (numbered where listed); so the more specific template comes first.
    /// </summary>
    public static readonly string[][] Templates =
    [
        ["", "; the record's name has frequency ", " in the registry"],
        ["matched at ", " ≥ ", "; every difference is cosmetic"],
        ["matched at ", " ≥ ", "; ", " field(s) differ in substance"],
        ["best candidate ", " is below the match threshold ", ""],
        ["", " scores ", ", only ", " bits behind the best (needs ", "): the data cannot tell them apart"],
        ["no candidate can be linked: even the best (", ") could score at most ", ""],
        ["no candidate can be linked: the best (", ") ", ""],
        ["not a Vietnamese address on either side: token-set similarity ", "/100"],
        ["same name after ", ""],
        ["middle name ", " missing"],
        ["extra middle name ", ""],
        ["surname ", " ~ ", " (regional)"],
        ["", " vs ", " (tone or diacritics)"],
        ["", " vs ", " (one letter)"],
        ["similar spelling (Jaro–Winkler ", ")"],
        ["", " alone would score ", "; ", " field(s) differ in substance"],
        ["", " alone would score ", "; the engine would not link it: it ", ""],
    ];

    private static IEnumerable<string> Cosmetic()
    {
        foreach (var first in CosmeticSteps)
        {
            yield return "same name after " + first;
        }
        foreach (var first in CosmeticSteps)
        {
            foreach (var second in CosmeticSteps)
            {
                if (!ReferenceEquals(first, second))
                {
                    yield return $"same name after {first}, {second}";
                }
            }
        }
    }

    private static IEnumerable<string> Addresses()
    {
        foreach (var province in AddressParts)
        foreach (var district in AddressParts)
        foreach (var commune in AddressParts)
        foreach (var hamlet in AddressParts)
        foreach (var house in AddressParts)
        {
            yield return $"province {province}, district {district}, commune {commune}, hamlet/street {hamlet}, house {house}";
        }
    }
}
