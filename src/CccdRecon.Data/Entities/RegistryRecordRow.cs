namespace CccdRecon.Data.Entities;

/// <summary>A civil-registry record (bản ghi hộ tịch) as imported; the in-memory index is rebuilt from these.</summary>
public sealed class RegistryRecordRow
{
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
    public DateTimeOffset UpdatedAt { get; set; }
}
