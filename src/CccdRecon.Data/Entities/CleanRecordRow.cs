namespace CccdRecon.Data.Entities;

/// <summary>An intake-ready record (hồ sơ sạch) with where each field came from.</summary>
public sealed class CleanRecordRow
{
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    public required string RecordId { get; set; }
    public string? PersonalId { get; set; }
    public string? OldId { get; set; }
    public required string FullName { get; set; }
    /// <summary>Null where the registry does not know it.</summary>
    public string? DateOfBirth { get; set; }
    /// <summary>Null where the registry does not know it.</summary>
    public string? Gender { get; set; }
    public string? BirthPlace { get; set; }
    public string? Hometown { get; set; }
    public string? Ethnicity { get; set; }
    public string? PermanentAddress { get; set; }
    public string? FatherName { get; set; }
    public string? MotherName { get; set; }
    /// <summary>"field=source" pairs joined by ';' (source: registry, form, reviewer).</summary>
    public string Sources { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
