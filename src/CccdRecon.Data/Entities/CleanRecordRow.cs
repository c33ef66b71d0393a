namespace CccdRecon.Data.Entities;

/// <summary>An intake-ready record (hồ sơ sạch) with where each field came from.</summary>
public sealed class CleanRecordRow
{
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    public required string RecordId { get; set; }
    /// <summary>The 9-digit legacy ID card number (CMND), from the registry.</summary>
    public string? OldId { get; set; }
    public PersonColumns Person { get; set; } = new();
    /// <summary>"field=source" pairs joined by ';' (source: registry, form, reviewer).</summary>
    public string Sources { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
