using Domain = CccdRecon.Core.Matching;

namespace CccdRecon.Contracts.V1;

/// <summary>
/// Between the wire messages and the engine's records. Proto strings are never null: an empty field is an absent
/// value on the engine's side, and an absent value goes on the wire as empty.
/// </summary>
public static class DomainMapping
{
    private static string? Absent(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

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

    public static ReconciliationStatus ToProto(this Domain.MatchStatus status) => status switch
    {
        Domain.MatchStatus.Clean => ReconciliationStatus.Clean,
        Domain.MatchStatus.Review => ReconciliationStatus.Review,
        Domain.MatchStatus.NoMatch => ReconciliationStatus.NoMatch,
        Domain.MatchStatus.Ambiguous => ReconciliationStatus.Ambiguous,
        _ => ReconciliationStatus.Unspecified,
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

    public static Discrepancy ToProto(this Domain.Discrepancy d) => new()
    {
        Field = d.Field,
        Kind = d.Kind,
        FormValue = d.FormValue ?? "",
        RegistryValue = d.RegistryValue ?? "",
        Suggestion = d.Suggestion ?? "",
        Reason = d.Reason ?? "",
    };

    public static Explanation ToProto(this Domain.MatchExplanation e)
    {
        var explanation = new Explanation { PriorWeight = e.PriorWeight, Decision = e.Decision ?? "", ModelVersion = e.ModelVersion ?? "" };
        explanation.Fields.AddRange(e.Fields.Select(f => new FieldEvidence
        {
            Field = f.Field, Level = f.Level ?? "", Weight = f.Weight, Detail = f.Detail ?? "",
        }));
        explanation.Candidates.AddRange(e.Candidates.Select(c =>
        {
            var candidate = new CandidateScore { RecordId = c.RecordId, Probability = c.Probability, Weight = c.Weight };
            candidate.BlockingKeys.AddRange(c.BlockingKeys);
            return candidate;
        }));
        return explanation;
    }

    public static Reconciliation ToProto(this Domain.Reconciliation r)
    {
        var result = new Reconciliation
        {
            FormId = r.FormId,
            Status = r.Status.ToProto(),
            RecordId = r.RecordId ?? "",
            Score = r.Score,
            Explanation = r.Explanation.ToProto(),
        };
        result.Discrepancies.AddRange(r.Discrepancies.Select(ToProto));
        result.Normalizations.AddRange(r.Normalizations);
        return result;
    }

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
