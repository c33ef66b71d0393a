using CccdRecon.Contracts.V1;
using Domain = CccdRecon.Core.Matching;

namespace CccdRecon.Cli.Batch;

/// <summary>Between the engine's records and the wire messages, as the batch client needs them.</summary>
internal static class ResultMapping
{
    private static string? Blank(string value) => value.Length == 0 ? null : value;

    public static SurveyForm ToProto(Domain.SurveyForm f) => new()
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

    public static RegistryRecord ToProto(Domain.RegistryRecord r) => new()
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

    public static Domain.RegistryRecord ToDomain(RegistryRecord r) => new()
    {
        RecordId = r.RecordId,
        PersonalId = Blank(r.PersonalId),
        OldId = Blank(r.OldId),
        FullName = r.FullName,
        DateOfBirth = Blank(r.DateOfBirth),
        Gender = Blank(r.Gender),
        BirthPlace = Blank(r.BirthPlace),
        Hometown = Blank(r.Hometown),
        Ethnicity = Blank(r.Ethnicity),
        PermanentAddress = Blank(r.PermanentAddress),
        FatherName = Blank(r.FatherName),
        MotherName = Blank(r.MotherName),
    };

    public static Domain.Reconciliation ToDomain(Reconciliation r) => new(
        r.FormId,
        r.Status switch
        {
            ReconciliationStatus.Clean => Domain.MatchStatus.Clean,
            ReconciliationStatus.Review => Domain.MatchStatus.Review,
            ReconciliationStatus.Ambiguous => Domain.MatchStatus.Ambiguous,
            _ => Domain.MatchStatus.NoMatch,
        },
        Blank(r.RecordId),
        r.Score,
        r.Discrepancies.Select(d => new Domain.Discrepancy(d.Field, d.Kind, d.FormValue, d.RegistryValue, d.Suggestion, d.Reason)).ToList(),
        r.Normalizations.ToList(),
        new Domain.MatchExplanation(
            r.Explanation?.PriorWeight ?? 0,
            r.Explanation?.Fields.Select(f => new Domain.FieldEvidence(f.Field, f.Level, f.Weight, f.Detail)).ToList() ?? [],
            r.Explanation?.Candidates.Select(c => new Domain.CandidateScore(c.RecordId, c.Probability, c.Weight, c.BlockingKeys.ToList())).ToList() ?? [],
            r.Explanation?.Decision ?? ""));
}
