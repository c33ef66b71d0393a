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
