using CccdRecon.Core.Matching;

namespace CccdRecon.Reports;

/// <summary>Builds list entries from the engine's domain results (what the console has once it has loaded a case).</summary>
public static class CorrectionCases
{
    /// <summary>The list entry of a reconciled form; null for a clean one (nothing to correct).</summary>
    public static CorrectionCase? From(SurveyForm form, Reconciliation result)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == MatchStatus.Clean) return null;
        return new CorrectionCase
        {
            FormId = form.FormId,
            Status = StatusOf(result.Status),
            RecordId = result.RecordId,
            FullName = form.FullName,
            DateOfBirth = form.DateOfBirth,
            PersonalId = form.PersonalId,
            Gender = form.Gender,
            Address = form.PermanentAddress,
            Fields = result.Status == MatchStatus.Review
                ? result.Discrepancies.Select(d => new CorrectionField(d.Field, d.Kind, d.FormValue, d.RegistryValue, d.Suggestion) { Note = d.Reason }).ToList()
                : [],
        };
    }

    /// <summary>The list's status for an engine status (clean has none).</summary>
    public static CaseStatus StatusOf(MatchStatus status) => status switch
    {
        MatchStatus.Review => CaseStatus.Review,
        MatchStatus.NoMatch => CaseStatus.NoMatch,
        MatchStatus.Ambiguous => CaseStatus.Ambiguous,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a clean form needs no correction"),
    };
}
