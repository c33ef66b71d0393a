using System.Globalization;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;

namespace CccdRecon.Data.Review;

/// <summary>
/// A review case (hồ sơ cần xác minh) as a reviewer sees it in a list: its kind and state, the record it is linked to, the
/// flagged fields of that link and every decision so far.
/// </summary>
/// <param name="State">Open, Claimed (an open case with a live claim) or Resolved.</param>
/// <param name="Version">Bumped by every change; the etag a change must present.</param>
/// <param name="ClaimExpiresAt">When the live claim lapses; null when nobody holds the case.</param>
/// <param name="RecordId">The record the case is linked to now (the engine's, or a reviewer's choice); null when none.</param>
/// <param name="Link">The latest link decision; null while nobody has made one.</param>
/// <param name="Discrepancies">The flagged fields of the current link.</param>
/// <param name="Decisions">Every field decision, oldest first (superseded ones marked).</param>
/// <param name="FullName">The form's name as keyed (for lists).</param>
/// <param name="DateOfBirth">The form's date as keyed (for lists).</param>
public sealed record ReviewCase(
    long Id,
    string BatchId,
    string FormId,
    string Unit,
    CaseKind Kind,
    ReviewCaseState State,
    int Version,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? ClaimExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    double Score,
    string? RecordId,
    LinkDecisionKind? Link,
    IReadOnlyList<Discrepancy> Discrepancies,
    IReadOnlyList<FieldDecision> Decisions,
    IReadOnlyList<LinkDecision> LinkDecisions,
    string? FullName,
    string? DateOfBirth)
{
    public string Etag => EtagOf(Version);

    /// <summary>The current decision per flagged field (the latest of the current link), by field.</summary>
    public IReadOnlyDictionary<string, FieldDecision> CurrentDecisions
        => Decisions.Where(d => !d.Superseded).ToDictionary(d => d.Field, StringComparer.Ordinal);

    /// <summary>Flagged fields of the current link with no decision yet.</summary>
    public IEnumerable<Discrepancy> Undecided => Discrepancies.Where(d => !CurrentDecisions.ContainsKey(d.Field));

    /// <summary>A reviewer said this form's person is in none of these records: the form goes to the not-found list.</summary>
    public bool IsRejected => Link == LinkDecisionKind.Reject;

    internal static string EtagOf(int version) => version.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseEtag(string? etag, out int version)
        => int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}

/// <summary>A line of the console's queue: the case, the form's name and date as keyed, its current flags.</summary>
public sealed record QueueItem(long Id, string BatchId, string FormId, string Unit, CaseKind Kind, ReviewCaseState State, string? ClaimedBy,
    LinkDecisionKind? Link, string? FullName, string? DateOfBirth, IReadOnlyList<(string Field, string Kind)> Flags)
{
    public bool IsRejected => Link == LinkDecisionKind.Reject;
}

/// <summary>A case's current flags kept on its row (<c>field:kind;field:kind</c>), so the queue lists them without a join.</summary>
internal static class CaseFlags
{
    public const int MaxLength = 512;

    public static string Format(IEnumerable<(string Field, string Kind)> flags)
    {
        var text = string.Join(';', flags.Select(f => f.Field + ":" + f.Kind));
        return text.Length <= MaxLength ? text : text[..text.LastIndexOf(';', MaxLength)];
    }

    public static IReadOnlyList<(string Field, string Kind)> Parse(string? flags)
        => string.IsNullOrEmpty(flags)
            ? []
            : flags.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split(':', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : "")).ToList();
}

/// <summary>One reviewer decision on one field, kept forever with who and when.</summary>
/// <param name="Value">The reviewer's value, for <see cref="DecisionKind.Correct"/>.</param>
/// <param name="Superseded">A later decision on the field, or a change of the linked record, replaced it.</param>
/// <param name="BulkId">The bulk decision that wrote it, if any.</param>
public sealed record FieldDecision(string Field, DecisionKind Action, string? Value, string Reviewer, DateTimeOffset DecidedAt, string? Note,
    bool Superseded = false, long? BulkId = null);

/// <summary>One link decision (confirm, reject, choose), kept forever with who and when.</summary>
public sealed record LinkDecision(LinkDecisionKind Action, string? RecordId, string Reviewer, DateTimeOffset DecidedAt, string? Note);

/// <summary>A record that could be the form's person (an ambiguous case's candidates, an unmatched case's near misses).</summary>
/// <param name="Probability">The engine's probability among the candidates it weighed together.</param>
/// <param name="Pair">The form compared in full with this record alone: evidence and what would need correcting.</param>
public sealed record CaseCandidate(RegistryRecord Record, double Probability, PairExplanation Pair);

/// <summary>
/// A case with what a reviewer needs to decide it: the form as keyed, the linked record, why they were linked (the
/// engine's explanation, or the comparison with the record a reviewer chose) and the other candidates.
/// </summary>
public sealed record ReviewCaseDetail(ReviewCase Case, SurveyForm Form, RegistryRecord? Record, MatchExplanation Explanation,
    IReadOnlyList<CaseCandidate> Candidates);

/// <summary>The order of a case listing.</summary>
public enum CaseOrder
{
    /// <summary>Oldest first (the gRPC default).</summary>
    Created = 0,
    /// <summary>By the form's name in Vietnamese list order (given name, surname, middle names; Đ after D).</summary>
    Name = 1,
}

/// <summary>A listing of the caller's cases; every filter is optional.</summary>
/// <param name="State">Open (unclaimed), Claimed or Resolved; null with <see cref="ToDo"/> false: every state.</param>
/// <param name="Field">Only cases with a current flag on this field.</param>
/// <param name="Kind">Only cases with a current flag of this kind of difference.</param>
public sealed record CaseQuery(string? BatchId, ReviewCaseState? State, string? Field, string? Kind, Paging.PageRequest Page)
{
    /// <summary>Only cases of this unit (which the caller must serve).</summary>
    public string? Unit { get; init; }
    public CaseKind? CaseKind { get; init; }
    /// <summary>Every case not resolved yet, claimed or not (ignored when <see cref="State"/> is set).</summary>
    public bool ToDo { get; init; }
    public CaseOrder Order { get; init; }
}

/// <summary>A reviewer's decisions on a case, made on the version <paramref name="Etag"/> names.</summary>
/// <param name="Link">A link decision, or null for field decisions alone (which confirm the current link).</param>
/// <param name="RecordId">For <see cref="LinkDecisionKind.Choose"/>: the record that is the form's person.</param>
public sealed record CaseResolution(string? CaseId, string? Etag, IReadOnlyList<DecisionRequest> Decisions, string? Note,
    LinkDecisionKind? Link = null, string? RecordId = null)
{
    /// <summary>The request named a link decision this version does not know (the store refuses it).</summary>
    public bool UnknownLink { get; init; }
}

/// <summary>One decision asked for: <paramref name="Action"/> null when the request named none the store knows.</summary>
public sealed record DecisionRequest(string Field, DecisionKind? Action, string? CorrectedValue);

/// <summary>Counts of the caller's cases for a listing's filters (each facet leaves out its own filter).</summary>
/// <param name="ByState">Open (unclaimed), Claimed and Resolved.</param>
/// <param name="ByFlag">Current flagged fields by (field, kind of difference).</param>
public sealed record CaseCounts(IReadOnlyDictionary<ReviewCaseState, long> ByState, IReadOnlyDictionary<CaseKind, long> ByKind,
    IReadOnlyDictionary<(string Field, string Kind), long> ByFlag)
{
    public long Total => ByState.Values.Sum();
}

/// <summary>
/// A decision of one kind for many cases (quyết định hàng loạt): every current flag of <paramref name="Field"/> and
/// <paramref name="Kind"/> in the unit (or batch) not decided yet gets <paramref name="Action"/>. With
/// <paramref name="Supersedes"/>, the fields that bulk decision decided (and nobody decided again since) get the new
/// action instead: an undo or a correction. <paramref name="ValidateOnly"/> counts and lists without writing (AIP-163).
/// </summary>
public sealed record BulkRequest(string? Unit, string? BatchId, string? Field, string? Kind, DecisionKind? Action, string? Note,
    long? Supersedes, bool ValidateOnly);

/// <summary>What a bulk decision did (or would do): fields decided, cases it resolved, cases held by someone else.</summary>
/// <param name="BulkId">Null for a preview.</param>
/// <param name="CaseIds">The first cases it applies to (all of them up to <c>Review:BulkPreviewSize</c>).</param>
public sealed record BulkOutcome(long? BulkId, long Matched, long Resolved, long Skipped, IReadOnlyList<long> CaseIds);

/// <summary>A bulk decision as recorded.</summary>
public sealed record BulkDecision(long Id, string? Unit, string? BatchId, string Field, string Kind, DecisionKind Action, long? Supersedes,
    string Reviewer, DateTimeOffset CreatedAt, string? Note, long AppliedCount);
