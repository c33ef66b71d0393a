namespace CccdRecon.Data.Entities;

/// <summary>A review case (hồ sơ cần xác minh): a result whose fields differ in substance.</summary>
public sealed class ReviewCaseRow
{
    public long Id { get; set; }
    public long ResultId { get; set; }
    public BatchResultRow? Result { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    public ReviewCaseState State { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>Optimistic concurrency token, exposed as the etag.</summary>
    public int Version { get; set; }
    public List<FieldDecisionRow> Decisions { get; set; } = [];
}
