namespace CccdRecon.Data.Entities;

/// <summary>Lifecycle of a batch (đợt đối soát). Stored as its number: never renumber.</summary>
public enum BatchRunState
{
    Open = 1,
    Running = 2,
    Succeeded = 3,
    Cancelled = 4,
}
