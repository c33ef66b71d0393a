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

    public const string Field = "field";
    public const string Kind = "kind";
    public const string FormValue = "form_value";
    public const string RegistryValue = "registry_value";
    public const string Suggestion = "suggestion";
    public const string Reason = "reason";

    /// <summary>review.csv; <c>reason</c> came later, at the end, so older readers and files still agree.</summary>
    public static readonly string[] Review = [FormId, RecordId, Field, Kind, FormValue, RegistryValue, Suggestion, Reason];

    /// <summary>cases.csv: forms.csv's columns for each form that needs a person, then its status and record.</summary>
    public static readonly string[] Cases = [.. Forms, Status, RecordId];

    public static readonly string[] Clean = [FormId, .. Registry];

    public static readonly string[] Rejections = ["line", "reason"];
    public static readonly string[] SourcedRejections = ["file", "line", "reason"];
}
