namespace CccdRecon.Core.Matching;

/// <summary>
/// The person fields, in one place: the ten a <see cref="SurveyForm"/> and a <see cref="RegistryRecord"/> share, and the
/// registry's <c>old_id</c>. Each name is at once the interchange column (docs/interchange.md), the proto field, the
/// field a validation error or a reviewer's decision names, and the key of an intake record's provenance, so every layer
/// uses these constants and none spells a field name again.
/// </summary>
public static class PersonFields
{
    public const string PersonalId = "personal_id";
    /// <summary>The 9-digit legacy ID card number (CMND); only the registry has it.</summary>
    public const string OldId = "old_id";
    public const string FullName = "full_name";
    public const string DateOfBirth = "date_of_birth";
    public const string Gender = "gender";
    public const string BirthPlace = "birth_place";
    public const string Hometown = "hometown";
    public const string Ethnicity = "ethnicity";
    public const string PermanentAddress = "permanent_address";
    public const string FatherName = "father_name";
    public const string MotherName = "mother_name";

    /// <summary>A form's fields after <c>form_id</c>, in the spec's order.</summary>
    public static IReadOnlyList<string> OfForm { get; } =
        [PersonalId, FullName, DateOfBirth, Gender, BirthPlace, Hometown, Ethnicity, PermanentAddress, FatherName, MotherName];

    /// <summary>A registry record's fields after <c>record_id</c>, in the spec's order.</summary>
    public static IReadOnlyList<string> OfRecord { get; } =
        [PersonalId, OldId, FullName, DateOfBirth, Gender, BirthPlace, Hometown, Ethnicity, PermanentAddress, FatherName, MotherName];

    /// <summary>The form's value of a field (a form has no <see cref="OldId"/>: null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a person field.</exception>
    public static string? ValueOf(SurveyForm form, string field) => field switch
    {
        PersonalId => form.PersonalId,
        OldId => null,
        FullName => form.FullName,
        DateOfBirth => form.DateOfBirth,
        Gender => form.Gender,
        BirthPlace => form.BirthPlace,
        Hometown => form.Hometown,
        Ethnicity => form.Ethnicity,
        PermanentAddress => form.PermanentAddress,
        FatherName => form.FatherName,
        MotherName => form.MotherName,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a person field"),
    };

    /// <summary>The record's value of a field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a person field.</exception>
    public static string? ValueOf(RegistryRecord record, string field) => field switch
    {
        PersonalId => record.PersonalId,
        OldId => record.OldId,
        FullName => record.FullName,
        DateOfBirth => record.DateOfBirth,
        Gender => record.Gender,
        BirthPlace => record.BirthPlace,
        Hometown => record.Hometown,
        Ethnicity => record.Ethnicity,
        PermanentAddress => record.PermanentAddress,
        FatherName => record.FatherName,
        MotherName => record.MotherName,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a person field"),
    };

    /// <summary>The record with one field replaced (a record always has a full name: null keeps the one it has).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a person field.</exception>
    public static RegistryRecord With(RegistryRecord record, string field, string? value) => field switch
    {
        PersonalId => record with { PersonalId = value },
        OldId => record with { OldId = value },
        FullName => record with { FullName = value ?? record.FullName },
        DateOfBirth => record with { DateOfBirth = value },
        Gender => record with { Gender = value },
        BirthPlace => record with { BirthPlace = value },
        Hometown => record with { Hometown = value },
        Ethnicity => record with { Ethnicity = value },
        PermanentAddress => record with { PermanentAddress = value },
        FatherName => record with { FatherName = value },
        MotherName => record with { MotherName = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a person field"),
    };
}
