namespace CccdRecon.Data.Entities;

public enum ReviewCaseState
{
    Open = 1,
    Claimed = 2,
    Resolved = 3,
}
