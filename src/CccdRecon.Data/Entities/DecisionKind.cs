namespace CccdRecon.Data.Entities;

/// <summary>What a reviewer decided for one flagged field. Stored as its number: never renumber.</summary>
public enum DecisionKind
{
    /// <summary>The registry's value stands.</summary>
    KeepRegistry = 1,
    /// <summary>The form's value, as keyed, goes to intake.</summary>
    TakeForm = 2,
    /// <summary>The reviewer's own value goes to intake.</summary>
    Correct = 3,
}
