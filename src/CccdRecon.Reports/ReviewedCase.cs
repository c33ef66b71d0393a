using CccdRecon.Core.Matching;

namespace CccdRecon.Reports;

/// <summary>What a reviewer decided about who the form's person is (the link), in the reports' words.</summary>
public enum LinkVerdict
{
    /// <summary>Nobody has decided: the engine's link (or its lack) stands.</summary>
    None = 0,

    /// <summary>The linked record (for an ambiguous form, the engine's best candidate) is this person.</summary>
    Confirmed = 1,

    /// <summary>Another record is this person: a candidate, or one the reviewer found.</summary>
    Chosen = 2,

    /// <summary>Not this person: no registry record is known for the form.</summary>
    Rejected = 3,
}

/// <summary>What a reviewer decided for one flagged field.</summary>
public enum FieldVerdict
{
    /// <summary>The registry's value stands.</summary>
    KeepRegistry = 1,

    /// <summary>The form's value, as keyed, is right.</summary>
    TakeForm = 2,

    /// <summary>Neither: the reviewer's own value.</summary>
    Correct = 3,
}

/// <summary>A reviewer's current decision on one flagged field (the latest under the case's current link).</summary>
/// <param name="Value">The reviewer's value for <see cref="FieldVerdict.Correct"/>; ignored otherwise.</param>
public sealed record ReviewerDecision(string Field, FieldVerdict Verdict, string? Value, string Reviewer);

/// <summary>
/// A form as the review console holds it: the engine's result, the reviewer's link decision, the flagged fields of the
/// current link and the reviewers' decisions on them. <see cref="CorrectionCases.From(ReviewedCase)"/> turns it into a
/// list entry, reviewers' decisions before the engine's suggestions.
/// </summary>
public sealed record ReviewedCase
{
    public required SurveyForm Form { get; init; }

    /// <summary>The engine's status for the form.</summary>
    public required MatchStatus EngineStatus { get; init; }

    /// <summary>The record the form is linked to now (the engine's, or a reviewer's choice); null when none.</summary>
    public string? RecordId { get; init; }

    public LinkVerdict Link { get; init; }

    /// <summary>The flagged fields of the current link (the engine's, or those computed for a reviewer's choice).</summary>
    public IReadOnlyList<Discrepancy> Flags { get; init; } = [];

    /// <summary>The current decision per field; fields without one keep the engine's suggestion.</summary>
    public IReadOnlyList<ReviewerDecision> Decisions { get; init; } = [];
}
