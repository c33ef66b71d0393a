using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Entities;

/// <summary>A civil-registry record (bản ghi hộ tịch) as imported; the in-memory index is rebuilt from these.</summary>
public sealed class RegistryRecordRow
{
    public required string RecordId { get; set; }
    /// <summary>The 9-digit legacy ID card number (CMND), which forms do not carry.</summary>
    public string? OldId { get; set; }
    public PersonColumns Person { get; set; } = new();
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>
    /// The registry version that wrote the record last (<see cref="StoreVersionRow.Registry"/>): another server
    /// instance on the same database loads the records of versions it has not seen.
    /// </summary>
    public long Version { get; set; }

    public RegistryRecord ToRecord() => Person.ToRecord(RecordId, OldId);

    /// <summary>Overwrites the stored values with the record's.</summary>
    public void Update(RegistryRecord record, DateTimeOffset now, long version)
    {
        Version = version;
        OldId = record.OldId;
        Person = PersonColumns.Of(record);
        UpdatedAt = now;
    }
}
