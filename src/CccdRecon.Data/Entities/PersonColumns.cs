using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Entities;

/// <summary>
/// The person fields of a row (the ten of <see cref="PersonFields.OfForm"/>), one EF Core complex type shared by every
/// row that holds a person: registry records, batch forms and clean records. Each property maps to the column of its
/// own name, and this is the one place where they are converted to and from the engine's records.
/// </summary>
public sealed class PersonColumns
{
    public string? PersonalId { get; set; }
    /// <summary>Required in registry records and clean records, where it is never null.</summary>
    public string? FullName { get; set; }
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

    public static PersonColumns Of(SurveyForm form) => new()
    {
        PersonalId = form.PersonalId,
        FullName = form.FullName,
        DateOfBirth = form.DateOfBirth,
        Gender = form.Gender,
        BirthPlace = form.BirthPlace,
        Hometown = form.Hometown,
        Ethnicity = form.Ethnicity,
        PermanentAddress = form.PermanentAddress,
        FatherName = form.FatherName,
        MotherName = form.MotherName,
    };

    public static PersonColumns Of(RegistryRecord record) => new()
    {
        PersonalId = record.PersonalId,
        FullName = record.FullName,
        DateOfBirth = record.DateOfBirth,
        Gender = record.Gender,
        BirthPlace = record.BirthPlace,
        Hometown = record.Hometown,
        Ethnicity = record.Ethnicity,
        PermanentAddress = record.PermanentAddress,
        FatherName = record.FatherName,
        MotherName = record.MotherName,
    };

    public SurveyForm ToForm(string formId) => new()
    {
        FormId = formId,
        PersonalId = PersonalId,
        FullName = FullName,
        DateOfBirth = DateOfBirth,
        Gender = Gender,
        BirthPlace = BirthPlace,
        Hometown = Hometown,
        Ethnicity = Ethnicity,
        PermanentAddress = PermanentAddress,
        FatherName = FatherName,
        MotherName = MotherName,
    };

    public RegistryRecord ToRecord(string recordId, string? oldId) => new()
    {
        RecordId = recordId,
        PersonalId = PersonalId,
        OldId = oldId,
        FullName = FullName ?? "",
        DateOfBirth = DateOfBirth,
        Gender = Gender,
        BirthPlace = BirthPlace,
        Hometown = Hometown,
        Ethnicity = Ethnicity,
        PermanentAddress = PermanentAddress,
        FatherName = FatherName,
        MotherName = MotherName,
    };
}
