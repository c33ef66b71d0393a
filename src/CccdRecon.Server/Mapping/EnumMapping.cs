using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Intake;
using CccdRecon.Data.Review;
using Domain = CccdRecon.Core.Matching;
using V1 = CccdRecon.Contracts.V1;

namespace CccdRecon.Server.Mapping;

/// <summary>
/// Every enum between the domain and the wire, in one place and by name (never by number: the wire's numbers start
/// with UNSPECIFIED and need not follow the domain's). How the database stores them is <c>ReconDbContext</c>'s.
/// </summary>
internal static class EnumMapping
{
    public static V1.ReconciliationStatus ToProto(this Domain.MatchStatus status) => status switch
    {
        Domain.MatchStatus.Clean => V1.ReconciliationStatus.Clean,
        Domain.MatchStatus.Review => V1.ReconciliationStatus.Review,
        Domain.MatchStatus.NoMatch => V1.ReconciliationStatus.NoMatch,
        Domain.MatchStatus.Ambiguous => V1.ReconciliationStatus.Ambiguous,
        _ => V1.ReconciliationStatus.Unspecified,
    };

    /// <summary>A status filter: UNSPECIFIED is none.</summary>
    /// <exception cref="InvalidInputException">A number the API does not define.</exception>
    public static Domain.MatchStatus? ToDomain(this V1.ReconciliationStatus status, string field) => status switch
    {
        V1.ReconciliationStatus.Unspecified => null,
        V1.ReconciliationStatus.Clean => Domain.MatchStatus.Clean,
        V1.ReconciliationStatus.Review => Domain.MatchStatus.Review,
        V1.ReconciliationStatus.NoMatch => Domain.MatchStatus.NoMatch,
        V1.ReconciliationStatus.Ambiguous => Domain.MatchStatus.Ambiguous,
        _ => throw new InvalidInputException(field, "is not a known status"),
    };

    public static V1.BatchState ToProto(this BatchRunState state) => state switch
    {
        BatchRunState.Open => V1.BatchState.Open,
        BatchRunState.Running => V1.BatchState.Running,
        BatchRunState.Succeeded => V1.BatchState.Succeeded,
        BatchRunState.Cancelled => V1.BatchState.Cancelled,
        _ => V1.BatchState.Unspecified,
    };

    public static V1.CaseState ToProto(this ReviewCaseState state) => state switch
    {
        ReviewCaseState.Open => V1.CaseState.Open,
        ReviewCaseState.Claimed => V1.CaseState.Claimed,
        ReviewCaseState.Resolved => V1.CaseState.Resolved,
        _ => V1.CaseState.Unspecified,
    };

    /// <summary>A case state filter: UNSPECIFIED is none.</summary>
    /// <exception cref="InvalidInputException">A number the API does not define.</exception>
    public static ReviewCaseState? ToDomain(this V1.CaseState state, string field) => state switch
    {
        V1.CaseState.Unspecified => null,
        V1.CaseState.Open => ReviewCaseState.Open,
        V1.CaseState.Claimed => ReviewCaseState.Claimed,
        V1.CaseState.Resolved => ReviewCaseState.Resolved,
        _ => throw new InvalidInputException(field, "is not a known case state"),
    };

    public static V1.DecisionAction ToProto(this DecisionKind action) => action switch
    {
        DecisionKind.KeepRegistry => V1.DecisionAction.KeepRegistry,
        DecisionKind.TakeForm => V1.DecisionAction.TakeForm,
        DecisionKind.Correct => V1.DecisionAction.Correct,
        _ => V1.DecisionAction.Unspecified,
    };

    /// <summary>The decision asked for, or null for UNSPECIFIED or an unknown number (the store says which decision lacks one).</summary>
    public static DecisionKind? ToDomain(this V1.DecisionAction action) => action switch
    {
        V1.DecisionAction.KeepRegistry => DecisionKind.KeepRegistry,
        V1.DecisionAction.TakeForm => DecisionKind.TakeForm,
        V1.DecisionAction.Correct => DecisionKind.Correct,
        _ => null,
    };

    public static V1.CaseKind ToProto(this CaseKind kind) => kind switch
    {
        CaseKind.Differences => V1.CaseKind.Differences,
        CaseKind.Ambiguous => V1.CaseKind.Ambiguous,
        CaseKind.NoMatch => V1.CaseKind.NoMatch,
        _ => V1.CaseKind.Unspecified,
    };

    /// <summary>A case kind filter: UNSPECIFIED is none.</summary>
    /// <exception cref="InvalidInputException">A number the API does not define.</exception>
    public static CaseKind? ToDomain(this V1.CaseKind kind, string field) => kind switch
    {
        V1.CaseKind.Unspecified => null,
        V1.CaseKind.Differences => CaseKind.Differences,
        V1.CaseKind.Ambiguous => CaseKind.Ambiguous,
        V1.CaseKind.NoMatch => CaseKind.NoMatch,
        _ => throw new InvalidInputException(field, "is not a known case kind"),
    };

    public static V1.LinkDecision ToProto(this LinkDecisionKind? decision) => decision switch
    {
        LinkDecisionKind.Confirm => V1.LinkDecision.Confirm,
        LinkDecisionKind.Reject => V1.LinkDecision.Reject,
        LinkDecisionKind.Choose => V1.LinkDecision.Choose,
        _ => V1.LinkDecision.Unspecified,
    };

    /// <summary>The link decision asked for (null for UNSPECIFIED); <paramref name="unknown"/> when the number is not one the API defines.</summary>
    public static LinkDecisionKind? ToDomain(this V1.LinkDecision decision, out bool unknown)
    {
        unknown = false;
        switch (decision)
        {
            case V1.LinkDecision.Unspecified: return null;
            case V1.LinkDecision.Confirm: return LinkDecisionKind.Confirm;
            case V1.LinkDecision.Reject: return LinkDecisionKind.Reject;
            case V1.LinkDecision.Choose: return LinkDecisionKind.Choose;
            default:
                unknown = true;
                return null;
        }
    }

    /// <summary>AIP-132 <c>order_by</c> of ListCases.</summary>
    /// <exception cref="InvalidInputException">An order the API does not offer.</exception>
    public static CaseOrder ToCaseOrder(string? orderBy) => orderBy?.Trim() switch
    {
        null or "" or "create_time" => CaseOrder.Created,
        "full_name" => CaseOrder.Name,
        _ => throw new InvalidInputException("order_by", "must be empty, \"create_time\" or \"full_name\""),
    };

    public static V1.FieldSource ToProto(this ValueSource source) => source switch
    {
        ValueSource.Registry => V1.FieldSource.Registry,
        ValueSource.Form => V1.FieldSource.Form,
        ValueSource.Reviewer => V1.FieldSource.Reviewer,
        _ => V1.FieldSource.Unspecified,
    };
}
