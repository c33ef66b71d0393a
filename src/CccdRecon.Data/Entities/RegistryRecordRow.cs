using CccdRecon.Core.Addresses;
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

    /// <summary>
    /// The province of residence on the current map (<see cref="VietnameseAddress.ResidenceProvinceCode"/>; "" when the
    /// address names none), indexed: a silo of cluster mode (issue 14) loads its partition's records by it. Null on rows
    /// written before the column existed, until the server's start fills it (<see cref="Registry.RegistryStore.UpgradeResidenceAsync"/>).
    /// </summary>
    public string? ResidenceProvince { get; set; }

    public RegistryRecord ToRecord() => Person.ToRecord(RecordId, OldId);

    /// <summary>
    /// Overwrites the stored values with the record's; <paramref name="residence"/> is the record's
    /// <see cref="ResidenceOf(string?)"/> when the caller has it already (the address parsed), else it is computed here.
    /// </summary>
    public void Update(RegistryRecord record, DateTimeOffset now, long version, string? residence = null)
    {
        Version = version;
        OldId = record.OldId;
        Person = PersonColumns.Of(record);
        UpdatedAt = now;
        ResidenceProvince = residence ?? ResidenceOf(record.PermanentAddress);
    }

    /// <summary>The value of <see cref="ResidenceProvince"/> for a permanent address.</summary>
    public static string ResidenceOf(string? permanentAddress) => VietnameseAddress.Parse(permanentAddress).ResidenceProvinceCode ?? "";

    /// <summary>
    /// <see cref="ResidenceOf(string?)"/> from the address already parsed (<paramref name="parsed"/>, the parse of
    /// <paramref name="permanentAddress"/>; null when the parser was not run on it: absent or too long, then parsed here).
    /// </summary>
    public static string ResidenceOf(string? permanentAddress, VietnameseAddress? parsed)
        => parsed is null ? ResidenceOf(permanentAddress) : parsed.ResidenceProvinceCode ?? "";
}
