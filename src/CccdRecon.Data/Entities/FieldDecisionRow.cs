namespace CccdRecon.Data.Entities;

/// <summary>One reviewer decision, kept forever with who and when; the latest per field of the case's current link wins.</summary>
public sealed class FieldDecisionRow
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public required string Field { get; set; }
    public DecisionKind Action { get; set; }
    public string? Value { get; set; }
    public required string Reviewer { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public string? Note { get; set; }
    /// <summary>The link decision the field was decided under (null: the engine's link).</summary>
    public long? LinkId { get; set; }
    /// <summary>The bulk decision that wrote it, if any.</summary>
    public long? BulkId { get; set; }
}
