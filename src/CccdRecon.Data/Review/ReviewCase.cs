using System.Globalization;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;

namespace CccdRecon.Data.Review;

/// <summary>A review case (hồ sơ cần xác minh) as a reviewer sees it in a list: its state, the flagged fields and the decisions so far.</summary>
/// <param name="Version">Bumped by every change; the etag a change must present.</param>
public sealed record ReviewCase(
    long Id,
    string BatchId,
    string FormId,
    ReviewCaseState State,
    int Version,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    double Score,
    IReadOnlyList<Discrepancy> Discrepancies,
    IReadOnlyList<FieldDecision> Decisions)
{
    public string Etag => EtagOf(Version);

    internal static string EtagOf(int version) => version.ToString(CultureInfo.InvariantCulture);

    internal static ReviewCase Of(ReviewCaseRow row) => new(
        row.Id, row.BatchId, row.FormId, row.State, row.Version, row.ClaimedBy, row.ClaimedAt, row.CreatedAt, row.ResolvedAt,
        row.Result?.Score ?? 0,
        row.Result?.DiscrepanciesInOrder() ?? [],
        row.Decisions.OrderBy(d => d.Id).Select(d => new FieldDecision(d.Field, d.Action, d.Value, d.Reviewer, d.DecidedAt, d.Note)).ToList());
}

/// <summary>One reviewer decision on one field, kept forever with who and when.</summary>
/// <param name="Value">The reviewer's value, for <see cref="DecisionKind.Correct"/>.</param>
public sealed record FieldDecision(string Field, DecisionKind Action, string? Value, string Reviewer, DateTimeOffset DecidedAt, string? Note);

/// <summary>A case with what a reviewer needs to decide it: the form as keyed, the matched record and why they were linked.</summary>
public sealed record ReviewCaseDetail(ReviewCase Case, SurveyForm Form, RegistryRecord? Record, MatchExplanation Explanation);

/// <summary>A listing of the caller's cases, oldest first; every filter is optional.</summary>
public sealed record CaseQuery(string? BatchId, ReviewCaseState? State, string? Field, string? Kind, Paging.PageRequest Page);

/// <summary>A reviewer's decisions on a case, made on the version <paramref name="Etag"/> names.</summary>
public sealed record CaseResolution(string? CaseId, string? Etag, IReadOnlyList<DecisionRequest> Decisions, string? Note);

/// <summary>One decision asked for: <paramref name="Action"/> null when the request named none the store knows.</summary>
public sealed record DecisionRequest(string Field, DecisionKind? Action, string? CorrectedValue);
