using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;

namespace CccdRecon.Data.Intake;

/// <summary>
/// Builds the intake record (hồ sơ sạch): the engine's composition (registry identity, form residence), with a
/// reviewer's decisions applied on top, and the source of every field, stored as <c>field=source</c> pairs.
/// </summary>
public static class CleanRecords
{
    private const char PairSeparator = ';';
    private const char FieldSeparator = '=';

    /// <summary>The stored names of the sources. Never renamed: stored records keep them.</summary>
    private static readonly Dictionary<ValueSource, string> SourceNames = new()
    {
        [ValueSource.Registry] = "registry",
        [ValueSource.Form] = "form",
        [ValueSource.Reviewer] = "reviewer",
    };

    private static readonly Dictionary<string, ValueSource> SourcesByName = SourceNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static CleanRecordRow FromMatch(string batchId, SurveyForm form, RegistryRecord record, DateTimeOffset now)
        => ToRow(batchId, form, Reconciler.ComposeClean(form, record).Record, new Dictionary<string, ValueSource>(), now);

    /// <summary>Applies the latest decision per field: keep registry, take the form's value, or the reviewer's correction.</summary>
    public static CleanRecordRow FromReview(string batchId, SurveyForm form, RegistryRecord record,
        IEnumerable<DiscrepancyRow> discrepancies, IEnumerable<FieldDecisionRow> decisions, DateTimeOffset now)
    {
        var composed = Reconciler.ComposeClean(form, record).Record;
        var formValues = discrepancies.GroupBy(d => d.Field).ToDictionary(g => g.Key, g => g.First().FormValue);
        var sources = new Dictionary<string, ValueSource>();
        foreach (var decision in decisions.GroupBy(d => d.Field).Select(g => g.OrderBy(d => d.Id).Last()))
        {
            switch (decision.Action)
            {
                case DecisionKind.TakeForm:
                    composed = PersonFields.With(composed, decision.Field, formValues.GetValueOrDefault(decision.Field) ?? PersonFields.ValueOf(form, decision.Field));
                    sources[decision.Field] = ValueSource.Form;
                    break;
                case DecisionKind.Correct:
                    composed = PersonFields.With(composed, decision.Field, decision.Value);
                    sources[decision.Field] = ValueSource.Reviewer;
                    break;
                default:
                    sources[decision.Field] = ValueSource.Registry;
                    break;
            }
        }
        return ToRow(batchId, form, composed, sources, now);
    }

    public static IntakeRecord ToIntakeRecord(CleanRecordRow row)
        => new(row.Id, row.BatchId, row.FormId, row.Person.ToRecord(row.RecordId, row.OldId), ParseSources(row.Sources));

    private static List<FieldProvenance> ParseSources(string stored)
    {
        var sources = new List<FieldProvenance>();
        foreach (var pair in stored.Split(PairSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf(FieldSeparator);
            sources.Add(new FieldProvenance(pair[..at], SourcesByName.GetValueOrDefault(pair[(at + 1)..], ValueSource.Unknown)));
        }
        return sources;
    }

    /// <summary>Every field the record has a value for, with its source: decided, else the form's residence, else the registry.</summary>
    private static CleanRecordRow ToRow(string batchId, SurveyForm form, RegistryRecord r, Dictionary<string, ValueSource> decided, DateTimeOffset now)
    {
        var sources = PersonFields.OfRecord.Where(field => !string.IsNullOrEmpty(PersonFields.ValueOf(r, field))).Select(field => $"{field}{FieldSeparator}{
            SourceNames[decided.TryGetValue(field, out var source) ? source
                : field == PersonFields.PermanentAddress && !string.IsNullOrWhiteSpace(form.PermanentAddress) ? ValueSource.Form
                : ValueSource.Registry]}");
        return new CleanRecordRow
        {
            BatchId = batchId,
            FormId = form.FormId,
            RecordId = r.RecordId,
            OldId = r.OldId,
            Person = PersonColumns.Of(r),
            Sources = string.Join(PairSeparator, sources),
            CreatedAt = now,
        };
    }
}
