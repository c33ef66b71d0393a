using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Interchange;

/// <summary>Column names of the interchange files (docs/interchange.md), in the order the spec lists them; the person
/// columns are the <see cref="PersonFields"/>.</summary>
internal static class InterchangeColumns
{
    public const string RecordId = "record_id";
    public const string FormId = "form_id";
    public const string PersonalId = PersonFields.PersonalId;
    public const string OldId = PersonFields.OldId;
    public const string FullName = PersonFields.FullName;
    public const string DateOfBirth = PersonFields.DateOfBirth;
    public const string Gender = PersonFields.Gender;
    public const string BirthPlace = PersonFields.BirthPlace;
    public const string Hometown = PersonFields.Hometown;
    public const string Ethnicity = PersonFields.Ethnicity;
    public const string PermanentAddress = PersonFields.PermanentAddress;
    public const string FatherName = PersonFields.FatherName;
    public const string MotherName = PersonFields.MotherName;
    public const string Status = "status";
    public const string Score = "score";
    public const string Flags = "flags";

    public static readonly string[] Registry = [RecordId, .. PersonFields.OfRecord];

    public static readonly string[] Forms = [FormId, .. PersonFields.OfForm];

    public static readonly string[] Results = [FormId, Status, RecordId, Score, Flags];

    public static readonly string[] Review = [FormId, RecordId, "field", "kind", "form_value", "registry_value", "suggestion"];

    public static readonly string[] Clean = [FormId, .. Registry];

    public static readonly string[] Rejections = ["line", "reason"];
    public static readonly string[] SourcedRejections = ["file", "line", "reason"];
}
