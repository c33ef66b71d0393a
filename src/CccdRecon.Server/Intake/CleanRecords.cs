using CccdRecon.Data.Entities;
using CccdRecon.Contracts.V1;
using Domain = CccdRecon.Core.Matching;
using V1 = CccdRecon.Contracts.V1;

namespace CccdRecon.Server.Intake;

/// <summary>
/// Builds the intake record (hồ sơ sạch): the engine's composition (registry identity, form residence), with a
/// reviewer's decisions applied on top, and the source of every field.
/// </summary>
internal static class CleanRecords
{
    private const string Registry = "registry";
    private const string Form = "form";
    private const string Reviewer = "reviewer";

    public static CleanRecordRow FromMatch(string batchId, Domain.SurveyForm form, Domain.RegistryRecord record, DateTimeOffset now)
        => ToRow(batchId, form, Domain.Reconciler.ComposeClean(form, record).Record, new Dictionary<string, string>(), now);

    /// <summary>Applies the latest decision per field: keep registry, take the form's value, or the reviewer's correction.</summary>
    public static CleanRecordRow FromReview(string batchId, Domain.SurveyForm form, Domain.RegistryRecord record,
        IEnumerable<DiscrepancyRow> discrepancies, IEnumerable<FieldDecisionRow> decisions, DateTimeOffset now)
    {
        var composed = Domain.Reconciler.ComposeClean(form, record).Record;
        var formValues = discrepancies.GroupBy(d => d.Field).ToDictionary(g => g.Key, g => g.First().FormValue);
        var sources = new Dictionary<string, string>();
        foreach (var decision in decisions.GroupBy(d => d.Field).Select(g => g.OrderBy(d => d.Id).Last()))
        {
            switch (decision.Action)
            {
                case DecisionKind.TakeForm:
                    composed = With(composed, decision.Field, formValues.GetValueOrDefault(decision.Field) ?? RawFormValue(form, decision.Field));
                    sources[decision.Field] = Form;
                    break;
                case DecisionKind.Correct:
                    composed = With(composed, decision.Field, decision.Value);
                    sources[decision.Field] = Reviewer;
                    break;
                default:
                    sources[decision.Field] = Registry;
                    break;
            }
        }
        return ToRow(batchId, form, composed, sources, now);
    }

    public static V1.CleanRecord ToProto(this CleanRecordRow row)
    {
        var clean = new V1.CleanRecord
        {
            FormId = row.FormId,
            BatchId = row.BatchId,
            Record = row.Person.ToRecord(row.RecordId, row.OldId).ToProto(),
        };
        foreach (var pair in row.Sources.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (field, source) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            clean.Sources.Add(new V1.FieldProvenance
            {
                Field = field,
                Source = source switch
                {
                    Registry => V1.FieldSource.Registry,
                    Form => V1.FieldSource.Form,
                    Reviewer => V1.FieldSource.Reviewer,
                    _ => V1.FieldSource.Unspecified,
                },
            });
        }
        return clean;
    }

    private static CleanRecordRow ToRow(string batchId, Domain.SurveyForm form, Domain.RegistryRecord r,
        Dictionary<string, string> decided, DateTimeOffset now)
    {
        var values = new (string Field, string? Value)[]
        {
            ("personal_id", r.PersonalId), ("old_id", r.OldId), ("full_name", r.FullName), ("date_of_birth", r.DateOfBirth),
            ("gender", r.Gender), ("birth_place", r.BirthPlace), ("hometown", r.Hometown), ("ethnicity", r.Ethnicity),
            ("permanent_address", r.PermanentAddress), ("father_name", r.FatherName), ("mother_name", r.MotherName),
        };
        var sources = values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Field}={
            (decided.TryGetValue(v.Field, out var source) ? source
                : v.Field == "permanent_address" && !string.IsNullOrWhiteSpace(form.PermanentAddress) ? Form
                : Registry)}");
        return new CleanRecordRow
        {
            BatchId = batchId,
            FormId = form.FormId,
            RecordId = r.RecordId,
            OldId = r.OldId,
            Person = PersonColumns.Of(r),
            Sources = string.Join(';', sources),
            CreatedAt = now,
        };
    }

    private static string? RawFormValue(Domain.SurveyForm form, string field) => field switch
    {
        Domain.FlaggableField.FullName => form.FullName,
        Domain.FlaggableField.DateOfBirth => form.DateOfBirth,
        Domain.FlaggableField.Gender => form.Gender,
        Domain.FlaggableField.PersonalId => form.PersonalId,
        Domain.FlaggableField.FatherName => form.FatherName,
        Domain.FlaggableField.MotherName => form.MotherName,
        _ => null,
    };

    private static Domain.RegistryRecord With(Domain.RegistryRecord r, string field, string? value) => field switch
    {
        Domain.FlaggableField.FullName => r with { FullName = value ?? r.FullName },
        Domain.FlaggableField.DateOfBirth => r with { DateOfBirth = value },
        Domain.FlaggableField.Gender => r with { Gender = value },
        Domain.FlaggableField.PersonalId => r with { PersonalId = value },
        Domain.FlaggableField.FatherName => r with { FatherName = value },
        Domain.FlaggableField.MotherName => r with { MotherName = value },
        _ => r,
    };
}
