namespace CccdRecon.Data.Entities;

/// <summary>The stored outcome of one batch form. Status uses the Core <c>MatchStatus</c> numbers.</summary>
public sealed class BatchResultRow
{
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    /// <summary>The form row's id, so results list in form order.</summary>
    public long FormRowId { get; set; }
    public int Status { get; set; }
    public string? RecordId { get; set; }
    public double Score { get; set; }
    /// <summary>JSON array of strings.</summary>
    public string NormalizationsJson { get; set; } = "[]";
    /// <summary>The explanation as protobuf JSON (kept opaque to the storage layer).</summary>
    public string ExplanationJson { get; set; } = "{}";
    public List<DiscrepancyRow> Discrepancies { get; set; } = [];
}
