using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Intake;
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

    public static V1.FieldSource ToProto(this ValueSource source) => source switch
    {
        ValueSource.Registry => V1.FieldSource.Registry,
        ValueSource.Form => V1.FieldSource.Form,
        ValueSource.Reviewer => V1.FieldSource.Reviewer,
        _ => V1.FieldSource.Unspecified,
    };
}
