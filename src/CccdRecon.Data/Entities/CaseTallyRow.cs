namespace CccdRecon.Data.Entities;

/// <summary>
/// How many cases of a batch are in one kind and state, kept in the transaction of every change, so the queue's counts
/// cost a few rows whatever the number of cases. The row with empty <see cref="Field"/> and <see cref="DiffKind"/>
/// counts cases; the others count the cases' current flagged fields of that field and kind.
/// </summary>
public sealed class CaseTallyRow
{
    public required string BatchId { get; set; }
    public CaseKind Kind { get; set; }
    /// <summary><see cref="ReviewCaseState.Open"/> (claimed or not) or <see cref="ReviewCaseState.Resolved"/>.</summary>
    public ReviewCaseState State { get; set; }
    /// <summary>The <see cref="Field"/> (and <see cref="DiffKind"/>) of the row that counts the cases themselves.</summary>
    public const string CaseCounter = "";

    public string Field { get; set; } = CaseCounter;
    public string DiffKind { get; set; } = CaseCounter;
    public long Count { get; set; }
}
