namespace CccdRecon.Core.Interchange;

/// <summary>Column names of the interchange files (docs/interchange.md), in the order the spec lists them.</summary>
internal static class InterchangeColumns
{
    public const string RecordId = "record_id";
    public const string FormId = "form_id";
    public const string PersonalId = "personal_id";
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
    public const string Status = "status";
    public const string Score = "score";
    public const string Flags = "flags";

    public static readonly string[] Registry =
        [RecordId, PersonalId, OldId, FullName, DateOfBirth, Gender, BirthPlace, Hometown, Ethnicity, PermanentAddress, FatherName, MotherName];

    public static readonly string[] Forms =
        [FormId, PersonalId, FullName, DateOfBirth, Gender, BirthPlace, Hometown, Ethnicity, PermanentAddress, FatherName, MotherName];

    public static readonly string[] Results = [FormId, Status, RecordId, Score, Flags];

    public static readonly string[] Review = [FormId, RecordId, "field", "kind", "form_value", "registry_value", "suggestion"];

    public static readonly string[] Clean = [FormId, .. Registry];

    public static readonly string[] Rejections = ["line", "reason"];
    public static readonly string[] SourcedRejections = ["file", "line", "reason"];
}
