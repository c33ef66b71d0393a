using System.Globalization;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Intake;
using CccdRecon.Data.Review;
using Google.Protobuf.WellKnownTypes;
using static CccdRecon.Contracts.V1.DomainMapping;
using Domain = CccdRecon.Core.Matching;
using V1 = CccdRecon.Contracts.V1;

namespace CccdRecon.Server.Mapping;

/// <summary>
/// From the domain to the server's responses. Proto strings are never null: an absent value goes out empty. The
/// mapping both sides use (forms and records, both ways; results read back) is in Contracts' <c>DomainMapping</c>.
/// </summary>
internal static class Mapper
{
    public static V1.Discrepancy ToProto(this Domain.Discrepancy d) => new()
    {
        Field = d.Field,
        Kind = d.Kind,
        FormValue = d.FormValue ?? "",
        RegistryValue = d.RegistryValue ?? "",
        Suggestion = d.Suggestion ?? "",
        Reason = d.Reason ?? "",
    };

    public static V1.Explanation ToProto(this Domain.MatchExplanation e)
    {
        var explanation = new V1.Explanation { PriorWeight = e.PriorWeight, Decision = e.Decision ?? "", ModelVersion = e.ModelVersion ?? "" };
        explanation.Fields.AddRange(e.Fields.Select(f => new V1.FieldEvidence
        {
            Field = f.Field, Level = f.Level ?? "", Weight = f.Weight, Detail = f.Detail ?? "",
        }));
        explanation.Candidates.AddRange(e.Candidates.Select(c =>
        {
            var candidate = new V1.CandidateScore { RecordId = c.RecordId, Probability = c.Probability, Weight = c.Weight };
            candidate.BlockingKeys.AddRange(c.BlockingKeys);
            return candidate;
        }));
        return explanation;
    }

    public static V1.Reconciliation ToProto(this Domain.Reconciliation r) => r.ToProto(withExplanation: true);

    /// <param name="withExplanation">False for a listing's basic view: the explanation is left unset, not built and dropped.</param>
    public static V1.Reconciliation ToProto(this Domain.Reconciliation r, bool withExplanation)
    {
        var result = new V1.Reconciliation
        {
            FormId = r.FormId,
            Status = r.Status.ToProto(),
            RecordId = r.RecordId ?? "",
            Score = r.Score,
            Explanation = withExplanation ? r.Explanation.ToProto() : null,
        };
        result.Discrepancies.AddRange(r.Discrepancies.Select(ToProto));
        result.Normalizations.AddRange(r.Normalizations);
        return result;
    }

    public static Timestamp? ToTimestamp(this DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    public static V1.Batch ToProto(this BatchRun b) => new()
    {
        BatchId = b.Id,
        DisplayName = b.DisplayName,
        FormsHash = b.FormsHash,
        Unit = b.Unit,
        State = b.State.ToProto(),
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
        ModelVersion = b.ModelVersion ?? "",
    };

    /// <summary>A case as listed: no form, record, explanation or candidates.</summary>
    public static V1.ReviewCase ToProto(this ReviewCase c)
    {
        var result = new V1.ReviewCase
        {
            Kind = c.Kind.ToProto(),
            Unit = c.Unit,
            RecordId = c.RecordId ?? "",
            LinkDecision = c.Link.ToProto(),
            ClaimExpireTime = c.ClaimExpiresAt.ToTimestamp(),
            CaseId = c.Id.ToString(CultureInfo.InvariantCulture),
            BatchId = c.BatchId,
            FormId = c.FormId,
            State = c.State.ToProto(),
            Etag = c.Etag,
            ClaimedBy = c.ClaimedBy ?? "",
            ClaimTime = c.ClaimedAt.ToTimestamp(),
            CreateTime = Timestamp.FromDateTimeOffset(c.CreatedAt),
            ResolveTime = c.ResolvedAt.ToTimestamp(),
            Score = c.Score,
        };
        result.Discrepancies.AddRange(c.Discrepancies.Select(ToProto));
        result.Decisions.AddRange(c.Decisions.Select(d => new V1.FieldDecision
        {
            Field = d.Field,
            Action = d.Action.ToProto(),
            CorrectedValue = d.Value ?? "",
            Reviewer = d.Reviewer,
            DecideTime = Timestamp.FromDateTimeOffset(d.DecidedAt),
            Note = d.Note ?? "",
            Superseded = d.Superseded,
            BulkId = d.BulkId?.ToString(CultureInfo.InvariantCulture) ?? "",
        }));
        result.LinkDecisions.AddRange(c.LinkDecisions.Select(d => new V1.LinkDecisionEntry
        {
            Decision = ((Data.Entities.LinkDecisionKind?)d.Action).ToProto(),
            RecordId = d.RecordId ?? "",
            Reviewer = d.Reviewer,
            DecideTime = Timestamp.FromDateTimeOffset(d.DecidedAt),
            Note = d.Note ?? "",
        }));
        return result;
    }

    /// <summary>A case with the form, the matched record and the explanation.</summary>
    public static V1.ReviewCase ToProto(this ReviewCaseDetail detail)
    {
        var result = detail.Case.ToProto();
        result.Form = detail.Form.ToProto();
        if (detail.Record is { } record)
        {
            result.Record = record.ToProto();
        }
        result.Explanation = detail.Explanation.ToProto();
        result.Candidates.AddRange(detail.Candidates.Select(c =>
        {
            var candidate = new V1.CaseCandidate { Record = c.Record.ToProto(), Probability = c.Probability, Explanation = c.Pair.Explanation.ToProto() };
            candidate.Discrepancies.AddRange(c.Pair.Discrepancies.Select(ToProto));
            return candidate;
        }));
        return result;
    }

    public static V1.BulkResolveCasesResponse ToProto(this BulkOutcome outcome)
    {
        var response = new V1.BulkResolveCasesResponse
        {
            BulkId = outcome.BulkId?.ToString(CultureInfo.InvariantCulture) ?? "",
            MatchedCount = outcome.Matched,
            ResolvedCount = outcome.Resolved,
            SkippedCount = outcome.Skipped,
        };
        response.CaseIds.AddRange(outcome.CaseIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        return response;
    }

    public static V1.CleanRecord ToProto(this IntakeRecord r)
    {
        var clean = new V1.CleanRecord { FormId = r.FormId, BatchId = r.BatchId, Record = r.Record.ToProto() };
        clean.Sources.AddRange(r.Sources.Select(s => new V1.FieldProvenance { Field = s.Field, Source = s.Source.ToProto() }));
        return clean;
    }

    public static V1.AuditEvent ToProto(this AuditEntry e)
    {
        var proto = new V1.AuditEvent
        {
            EventId = e.Id.ToString(CultureInfo.InvariantCulture),
            EventTime = Timestamp.FromDateTimeOffset(e.OccurredAt),
            Subject = e.Subject,
            Role = e.Role,
            Action = e.Action,
            TraceId = e.TraceId,
        };
        proto.Units.AddRange(e.Units);
        proto.TargetIds.AddRange(e.Targets);
        return proto;
    }

    /// <summary>A listing request's page: size and token as sent.</summary>
    public static Data.Paging.PageRequest Page(int size, string token) => new(size, token);
}
