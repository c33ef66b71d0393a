namespace CccdRecon.Data.Entities;

/// <summary>One reviewer decision, kept forever with who and when.</summary>
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
}
