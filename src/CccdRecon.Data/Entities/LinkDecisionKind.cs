namespace CccdRecon.Data.Entities;

/// <summary>A reviewer's decision on who the form's person is. Stored as its number: never renumber.</summary>
public enum LinkDecisionKind
{
    /// <summary>The record the case is linked to (for an ambiguous case, the engine's best candidate) is this person.</summary>
    Confirm = 1,
    /// <summary>Not this person: no clean record; the form goes to the list of forms not found in the registry.</summary>
    Reject = 2,
    /// <summary>Another record is this person: a candidate, or a record the reviewer found.</summary>
    Choose = 3,
}
