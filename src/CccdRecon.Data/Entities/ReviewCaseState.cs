namespace CccdRecon.Data.Entities;

/// <summary>Where a review case stands. Stored as its number: never renumber.</summary>
public enum ReviewCaseState
{
    /// <summary>Waiting for a reviewer.</summary>
    Open = 1,
    /// <summary>
    /// A reviewer has taken it. Stored by earlier versions only: a claim is now the case's claim columns, so that it
    /// can lapse; the stores report an open case with a live claim as claimed.
    /// </summary>
    Claimed = 2,
    /// <summary>Every flagged field is decided; its clean record is written.</summary>
    Resolved = 3,
}
