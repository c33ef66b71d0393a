namespace CccdRecon.Core.Matching;

/// <summary>
/// A collected population-survey form (phiếu thu thập thông tin dân cư, mẫu DC01), values exactly as keyed.
/// </summary>
public sealed record SurveyForm
{
    public required string FormId { get; init; }
    /// <summary>12-digit personal ID or 9-digit legacy number, possibly with spaces or dots.</summary>
    public string? PersonalId { get; init; }
    public string? FullName { get; init; }
    public string? DateOfBirth { get; init; }
    public string? Gender { get; init; }
    public string? BirthPlace { get; init; }
    public string? Hometown { get; init; }
    public string? Ethnicity { get; init; }
    public string? PermanentAddress { get; init; }
    public string? FatherName { get; init; }
    public string? MotherName { get; init; }
}

/// <summary>
/// An authoritative civil-registry record (bản ghi trong Cơ sở dữ liệu hộ tịch / dân cư).
/// </summary>
public sealed record RegistryRecord
{
    public required string RecordId { get; init; }
    public string? PersonalId { get; init; }
    /// <summary>9-digit legacy ID card number (CMND).</summary>
    public string? OldId { get; init; }
    public required string FullName { get; init; }
    /// <summary>YYYY-MM-DD, YYYY-MM or YYYY; null where the registry does not know it (the engine treats it as no evidence).</summary>
    public string? DateOfBirth { get; init; }
    /// <summary>"male" or "female"; null where the registry does not know it.</summary>
    public string? Gender { get; init; }
    public string? BirthPlace { get; init; }
    public string? Hometown { get; init; }
    public string? Ethnicity { get; init; }
    public string? PermanentAddress { get; init; }
    public string? FatherName { get; init; }
    public string? MotherName { get; init; }
}

/// <summary>The four outcomes of the interchange spec.</summary>
public enum MatchStatus
{
    /// <summary>Matched; every difference is cosmetic. Ready for intake.</summary>
    Clean = 0,
    /// <summary>Matched; at least one field differs in substance.</summary>
    Review = 1,
    /// <summary>No registry record is this person.</summary>
    NoMatch = 2,
    /// <summary>More than one record could be this person and the data cannot tell which.</summary>
    Ambiguous = 3,
}

/// <summary>Interchange names of statuses, fields and discrepancy kinds.</summary>
public static class InterchangeNames
{
    public static string StatusName(MatchStatus status) => status switch
    {
        MatchStatus.Clean => "clean",
        MatchStatus.Review => "review",
        MatchStatus.NoMatch => "no_match",
        MatchStatus.Ambiguous => "ambiguous",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParseStatus(string? text, out MatchStatus status)
    {
        switch (text)
        {
            case "clean": status = MatchStatus.Clean; return true;
            case "review": status = MatchStatus.Review; return true;
            case "no_match": status = MatchStatus.NoMatch; return true;
            case "ambiguous": status = MatchStatus.Ambiguous; return true;
            default: status = default; return false;
        }
    }
}

/// <summary>The fields that can be flagged for correction (interchange column names).</summary>
public static class FlaggableField
{
    public const string FullName = PersonFields.FullName;
    public const string DateOfBirth = PersonFields.DateOfBirth;
    public const string Gender = PersonFields.Gender;
    public const string PersonalId = PersonFields.PersonalId;
    public const string FatherName = PersonFields.FatherName;
    public const string MotherName = PersonFields.MotherName;

    public static readonly IReadOnlyList<string> All = [FullName, DateOfBirth, Gender, PersonalId, FatherName, MotherName];
}

/// <summary>Kinds of substantive difference (the second half of a <c>field:kind</c> flag).</summary>
public static class DiscrepancyKind
{
    public const string Spelling = "spelling";
    public const string MissingMiddleName = "missing_middle_name";
    public const string ExtraMiddleName = "extra_middle_name";
    public const string RegionalVariant = "regional_variant";
    public const string NameOrder = "name_order";
    public const string DayMonthSwapped = "day_month_swapped";
    public const string LunarDate = "lunar_date";
    public const string DigitTypo = "digit_typo";
    public const string YearOffByOne = "year_off_by_one";
    public const string RegistryPartial = "registry_partial";
    public const string Transposition = "transposition";
    public const string Unreadable = "unreadable";
    public const string Inconsistent = "inconsistent";
    public const string Different = "different";
}

/// <summary>
/// A substantive difference between a form field and the registry (sai lệch cần điều chỉnh), with a suggested correction.
/// </summary>
public sealed record Discrepancy(string Field, string Kind, string FormValue, string RegistryValue, string Suggestion, string Reason);

/// <summary>One field's contribution to a match score: which comparison level it reached and the weight (log2 Bayes factor) it added.</summary>
public sealed record FieldEvidence(string Field, string Level, double Weight, string Detail);

/// <summary>A registry record the engine considered, with its score and the blocking keys that found it.</summary>
/// <param name="Pruned">True when the cheap fields already put it out of reach of the best; its weight is then an upper bound.</param>
public sealed record CandidateScore(string RecordId, double Probability, double Weight, IReadOnlyList<string> BlockingKeys, bool Pruned = false);

/// <summary>Why a form got its result: the waterfall of the chosen candidate and every candidate considered.</summary>
/// <param name="PriorWeight">log2 of the prior odds that a form is one given record: π/((1 − π)N)</param>
/// <param name="ModelVersion">the <see cref="MatchModel.Version"/> that scored it</param>
public sealed record MatchExplanation(double PriorWeight, IReadOnlyList<FieldEvidence> Fields, IReadOnlyList<CandidateScore> Candidates, string Decision, string ModelVersion = "");

/// <summary>The result of reconciling one form (kết quả đối soát).</summary>
public sealed record Reconciliation(
    string FormId,
    MatchStatus Status,
    string? RecordId,
    double Score,
    IReadOnlyList<Discrepancy> Discrepancies,
    IReadOnlyList<string> Normalizations,
    MatchExplanation Explanation)
{
    /// <summary>The interchange <c>flags</c> cell: "full_name:missing_middle_name;date_of_birth:day_month_swapped".</summary>
    public string Flags => string.Join(';', Discrepancies.Select(d => $"{d.Field}:{d.Kind}"));
}

/// <summary>
/// A form compared with one chosen record (<see cref="Reconciler.ExplainPair"/>): its probability were it the only
/// candidate, whether the engine's rules would link it, the evidence, and the differences a reviewer must decide.
/// </summary>
public sealed record PairExplanation(string RecordId, double Probability, double Weight, bool Linkable, MatchExplanation Explanation,
    IReadOnlyList<Discrepancy> Discrepancies);
