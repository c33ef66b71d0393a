using CccdRecon.Core.Matching;
using CccdRecon.Data.Errors;

namespace CccdRecon.Data.Forms;

/// <summary>
/// What a form must have to be accepted, online or in a batch: a form_id and no field over the length limit.
/// Everything else is the engine's job (an unreadable date or name comes back as a result, never as an error).
/// </summary>
public static class FormRules
{
    public const string FormIdField = "form_id";
    public const int MaxIdLength = 64;

    /// <param name="prefix">Where the form sits in the request, e.g. <c>forms[3].</c>, so violations name the field.</param>
    /// <param name="stored">The form will be stored (a batch form): its text must be storable.</param>
    public static Validator Check(SurveyForm? form, StoreLimits limits, string prefix, bool stored = false)
    {
        if (form is null)
        {
            return new Validator(limits).Add(prefix.TrimEnd('.'), "is required");
        }
        var check = new Validator(limits, prefix);
        check.Required(FormIdField, form.FormId, MaxIdLength);
        foreach (var field in PersonFields.OfForm)
        {
            check.MaxLength(field, PersonFields.ValueOf(form, field));
            if (stored)
            {
                check.Storable(field, PersonFields.ValueOf(form, field));
            }
        }
        return check;
    }

    /// <summary>The key a refused form is reported under: its id, unless too long to echo back.</summary>
    public static string KeyOf(SurveyForm? form) => form?.FormId is { Length: <= MaxIdLength } id ? id : "";
}
