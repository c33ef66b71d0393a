namespace CccdRecon.Data.Entities;

/// <summary>A form (phiếu DC01) of a batch, as keyed, with whether its result has been written.</summary>
public sealed class BatchFormRow
{
    /// <summary>Insertion order: chunks are taken in this order.</summary>
    public long Id { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    public string? PersonalId { get; set; }
    public string? FullName { get; set; }
    public string? DateOfBirth { get; set; }
    public string? Gender { get; set; }
    public string? BirthPlace { get; set; }
    public string? Hometown { get; set; }
    public string? Ethnicity { get; set; }
    public string? PermanentAddress { get; set; }
    public string? FatherName { get; set; }
    public string? MotherName { get; set; }
    /// <summary>Set in the same transaction that writes the form's result.</summary>
    public bool Processed { get; set; }
}
