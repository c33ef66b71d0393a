using CccdRecon.Server.Errors;
using CccdRecon.Server.Hosting;
using V1 = CccdRecon.Contracts.V1;

namespace CccdRecon.Server.Reconciliation;

/// <summary>
/// What a form must have to be accepted: a form_id and no field over the length limit. Everything else is
/// the engine's job (an unreadable date or name comes back as a result, never as an error).
/// </summary>
internal static class FormRules
{
    public const int MaxIdLength = 64;

    public static Validator Check(V1.SurveyForm? form, LimitsOptions limits, string prefix)
    {
        if (form is null)
        {
            return new Validator(limits).Add(prefix.TrimEnd('.'), "is required");
        }
        var check = new Validator(limits, prefix);
        check.Required("form_id", form.FormId, MaxIdLength)
            .MaxLength("personal_id", form.PersonalId)
            .MaxLength("full_name", form.FullName)
            .MaxLength("date_of_birth", form.DateOfBirth)
            .MaxLength("gender", form.Gender)
            .MaxLength("birth_place", form.BirthPlace)
            .MaxLength("hometown", form.Hometown)
            .MaxLength("ethnicity", form.Ethnicity)
            .MaxLength("permanent_address", form.PermanentAddress)
            .MaxLength("father_name", form.FatherName)
            .MaxLength("mother_name", form.MotherName);
        return check;
    }
}
