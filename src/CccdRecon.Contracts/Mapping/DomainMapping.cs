using Domain = CccdRecon.Core.Matching;

namespace CccdRecon.Contracts.V1;

/// <summary>
/// Between the wire messages and the engine's records, for clients and the server alike: forms and registry records
/// both ways, results as a client reads them. Proto strings are never null: an empty field is an absent value on the
/// engine's side, and an absent value goes on the wire as empty. (What only the server writes is mapped there.)
/// </summary>
public static class DomainMapping
{
    /// <summary>An empty or blank proto string is an absent value.</summary>
    public static string? Absent(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public static Domain.SurveyForm ToDomain(this SurveyForm f) => new()
    {
        FormId = f.FormId.Trim(),
        PersonalId = Absent(f.PersonalId),
        FullName = Absent(f.FullName),
        DateOfBirth = Absent(f.DateOfBirth),
        Gender = Absent(f.Gender),
        BirthPlace = Absent(f.BirthPlace),
        Hometown = Absent(f.Hometown),
        Ethnicity = Absent(f.Ethnicity),
        PermanentAddress = Absent(f.PermanentAddress),
        FatherName = Absent(f.FatherName),
        MotherName = Absent(f.MotherName),
    };

    public static SurveyForm ToProto(this Domain.SurveyForm f) => new()
    {
        FormId = f.FormId,
        PersonalId = f.PersonalId ?? "",
        FullName = f.FullName ?? "",
        DateOfBirth = f.DateOfBirth ?? "",
        Gender = f.Gender ?? "",
        BirthPlace = f.BirthPlace ?? "",
        Hometown = f.Hometown ?? "",
        Ethnicity = f.Ethnicity ?? "",
        PermanentAddress = f.PermanentAddress ?? "",
        FatherName = f.FatherName ?? "",
        MotherName = f.MotherName ?? "",
    };

    public static Domain.RegistryRecord ToDomain(this RegistryRecord r) => new()
    {
        RecordId = r.RecordId.Trim(),
        PersonalId = Absent(r.PersonalId),
        OldId = Absent(r.OldId),
        FullName = r.FullName,
        DateOfBirth = Absent(r.DateOfBirth)?.Trim(),
        Gender = Absent(r.Gender)?.Trim(),
        BirthPlace = Absent(r.BirthPlace),
        Hometown = Absent(r.Hometown),
        Ethnicity = Absent(r.Ethnicity),
        PermanentAddress = Absent(r.PermanentAddress),
        FatherName = Absent(r.FatherName),
        MotherName = Absent(r.MotherName),
    };

    public static RegistryRecord ToProto(this Domain.RegistryRecord r) => new()
    {
        RecordId = r.RecordId,
        PersonalId = r.PersonalId ?? "",
        OldId = r.OldId ?? "",
        FullName = r.FullName,
        DateOfBirth = r.DateOfBirth ?? "",
        Gender = r.Gender ?? "",
        BirthPlace = r.BirthPlace ?? "",
        Hometown = r.Hometown ?? "",
        Ethnicity = r.Ethnicity ?? "",
        PermanentAddress = r.PermanentAddress ?? "",
        FatherName = r.FatherName ?? "",
        MotherName = r.MotherName ?? "",
    };

    /// <summary>The engine's status, or null for UNSPECIFIED (no filter).</summary>
    public static Domain.MatchStatus? ToDomain(this ReconciliationStatus status) => status switch
    {
        ReconciliationStatus.Clean => Domain.MatchStatus.Clean,
        ReconciliationStatus.Review => Domain.MatchStatus.Review,
        ReconciliationStatus.NoMatch => Domain.MatchStatus.NoMatch,
        ReconciliationStatus.Ambiguous => Domain.MatchStatus.Ambiguous,
        _ => null,
    };

    /// <summary>A result as a client reads it back (the server writes it from the engine's result).</summary>
    public static Domain.Reconciliation ToDomain(this Reconciliation r) => new(
        r.FormId,
        r.Status.ToDomain() ?? Domain.MatchStatus.NoMatch,
        Absent(r.RecordId),
        r.Score,
        r.Discrepancies.Select(d => new Domain.Discrepancy(d.Field, d.Kind, d.FormValue, d.RegistryValue, d.Suggestion, d.Reason)).ToList(),
        r.Normalizations.ToList(),
        new Domain.MatchExplanation(
            r.Explanation?.PriorWeight ?? 0,
            r.Explanation?.Fields.Select(f => new Domain.FieldEvidence(f.Field, f.Level, f.Weight, f.Detail)).ToList() ?? [],
            r.Explanation?.Candidates.Select(c => new Domain.CandidateScore(c.RecordId, c.Probability, c.Weight, c.BlockingKeys.ToList())).ToList() ?? [],
            r.Explanation?.Decision ?? "",
            r.Explanation?.ModelVersion ?? ""));
}
