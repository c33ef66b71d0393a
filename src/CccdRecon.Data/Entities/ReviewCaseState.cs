namespace CccdRecon.Data.Entities;

/// <summary>Where a review case stands. Stored as its number: never renumber.</summary>
public enum ReviewCaseState
{
    /// <summary>Waiting for a reviewer.</summary>
    Open = 1,
    /// <summary>A reviewer has taken it.</summary>
    Claimed = 2,
    /// <summary>Every flagged field is decided; its clean record is written.</summary>
    Resolved = 3,
}
