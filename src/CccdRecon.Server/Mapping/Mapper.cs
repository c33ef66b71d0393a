using System.Text.Json;
using CccdRecon.Data.Entities;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Domain = CccdRecon.Core.Matching;
using V1 = CccdRecon.Contracts.V1;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Mapping;

/// <summary>Converts between the wire messages, the engine's records and the stored rows.</summary>
internal static class Mapper
{
    public static Domain.RegistryRecord ToDomain(this RegistryRecordRow r) => r.ToRecord();

    public static BatchFormRow ToRow(this Domain.SurveyForm f, string batchId) => BatchFormRow.Of(f, batchId);

    public static Domain.SurveyForm ToDomain(this BatchFormRow f) => f.ToForm();

    public static V1.Discrepancy ToProto(this DiscrepancyRow d) => new()
    {
        Field = d.Field,
        Kind = d.Kind,
        FormValue = d.FormValue,
        RegistryValue = d.RegistryValue,
        Suggestion = d.Suggestion,
        Reason = d.Reason,
    };

    public static BatchResultRow ToRow(this Domain.Reconciliation r, string batchId, long formRowId)
    {
        var row = new BatchResultRow
        {
            BatchId = batchId,
            FormId = r.FormId,
            FormRowId = formRowId,
            Status = (int)r.Status,
            RecordId = r.RecordId,
            Score = r.Score,
            NormalizationsJson = JsonSerializer.Serialize(r.Normalizations),
            ExplanationJson = JsonFormatter.Default.Format(r.Explanation.ToProto()),
        };
        row.Discrepancies.AddRange(r.Discrepancies.Select(d => new DiscrepancyRow
        {
            Field = d.Field,
            Kind = d.Kind,
            FormValue = d.FormValue ?? "",
            RegistryValue = d.RegistryValue ?? "",
            Suggestion = d.Suggestion ?? "",
            Reason = d.Reason ?? "",
        }));
        return row;
    }

    public static V1.Explanation ExplanationOf(BatchResultRow row)
        => JsonParser.Default.Parse<V1.Explanation>(row.ExplanationJson);

    public static V1.Reconciliation ToProto(this BatchResultRow row)
    {
        var result = new V1.Reconciliation
        {
            FormId = row.FormId,
            Status = ((Domain.MatchStatus)row.Status).ToProto(),
            RecordId = row.RecordId ?? "",
            Score = row.Score,
            Explanation = ExplanationOf(row),
        };
        result.Discrepancies.AddRange(row.Discrepancies.OrderBy(d => d.Id).Select(ToProto));
        result.Normalizations.AddRange(JsonSerializer.Deserialize<string[]>(row.NormalizationsJson) ?? []);
        return result;
    }

    public static Timestamp? ToTimestamp(this DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    public static V1.Batch ToProto(this BatchRow b) => new()
    {
        BatchId = b.Id,
        DisplayName = b.DisplayName,
        FormsHash = b.FormsHash,
        Unit = b.Unit,
        State = b.State switch
        {
            BatchRunState.Open => V1.BatchState.Open,
            BatchRunState.Running => V1.BatchState.Running,
            BatchRunState.Succeeded => V1.BatchState.Succeeded,
            BatchRunState.Cancelled => V1.BatchState.Cancelled,
            _ => V1.BatchState.Unspecified,
        },
        FormCount = b.FormCount,
        ReceivedCount = b.ReceivedCount,
        ProcessedCount = b.ProcessedCount,
        CleanCount = b.CleanCount,
        ReviewCount = b.ReviewCount,
        NoMatchCount = b.NoMatchCount,
        AmbiguousCount = b.AmbiguousCount,
        CreateTime = Timestamp.FromDateTimeOffset(b.CreatedAt),
        StartTime = b.StartedAt.ToTimestamp(),
        CompleteTime = b.CompletedAt.ToTimestamp(),
    };
}
