namespace CccdRecon.Data.Entities;

/// <summary>
/// A decision of one kind taken for many cases at once (quyết định hàng loạt), e.g. every date of birth of a unit that
/// is the lunar-calendar date of the registry's: keep the registry's. Each case gets its own field decision pointing
/// here; a later bulk decision may supersede this one (<see cref="Supersedes"/>).
/// </summary>
public sealed class BulkDecisionRow
{
    public long Id { get; set; }
    public string? Unit { get; set; }
    public string? BatchId { get; set; }
    public required string Field { get; set; }
    public required string Kind { get; set; }
    public DecisionKind Action { get; set; }
    /// <summary>The bulk decision whose field decisions this one replaces (an undo or a correction), if any.</summary>
    public long? Supersedes { get; set; }
    public required string Reviewer { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? Note { get; set; }
    /// <summary>Field decisions written so far (a bulk decision is applied a page of cases per transaction).</summary>
    public long AppliedCount { get; set; }
}
