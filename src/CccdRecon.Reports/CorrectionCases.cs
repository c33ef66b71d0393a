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

    /// <summary>
    /// The list entry of a form the console has reviewed (or not yet): a rejected link lists the form among those not in
    /// the registry; a confirmed or chosen link lists the current link's flagged fields, each with the reviewer's decision
    /// where there is one and the engine's suggestion otherwise. Null when nothing is left to correct (a clean form, or a
    /// chosen record that agrees with the form in every field).
    /// </summary>
    public static CorrectionCase? From(ReviewedCase reviewed)
    {
        ArgumentNullException.ThrowIfNull(reviewed);
        var form = reviewed.Form;
        var linked = reviewed.Link is LinkVerdict.Confirmed or LinkVerdict.Chosen;
        CaseStatus status;
        if (reviewed.Link == LinkVerdict.Rejected) status = CaseStatus.RejectedLink;
        else if (linked || reviewed.EngineStatus == MatchStatus.Review) status = CaseStatus.Review;
        else if (reviewed.EngineStatus == MatchStatus.Clean) return null;
        else status = StatusOf(reviewed.EngineStatus);

        IReadOnlyList<CorrectionField> fields = [];
        if (status == CaseStatus.Review)
        {
            if (reviewed.Flags.Count == 0) return null;
            var decided = new Dictionary<string, ReviewerDecision>(StringComparer.Ordinal);
            foreach (var d in reviewed.Decisions) decided[d.Field] = d;
            fields = reviewed.Flags.Select(f => Field(f, decided.GetValueOrDefault(f.Field))).ToList();
        }

        return new CorrectionCase
        {
            FormId = form.FormId,
            Status = status,
            RecordId = status == CaseStatus.RejectedLink ? null : reviewed.RecordId,
            FullName = form.FullName,
            DateOfBirth = form.DateOfBirth,
            PersonalId = form.PersonalId,
            Gender = form.Gender,
            Address = form.PermanentAddress,
            Fields = fields,
        };
    }

    /// <summary>A flagged field with the reviewer's decision, or the engine's suggestion where nobody has decided.</summary>
    private static CorrectionField Field(Discrepancy flag, ReviewerDecision? decision)
    {
        var formValue = flag.FormValue ?? "";
        var registryValue = flag.RegistryValue ?? "";
        if (decision is null) return new CorrectionField(flag.Field, flag.Kind, formValue, registryValue, flag.Suggestion ?? "") { Note = flag.Reason };
        var (value, action) = decision.Verdict switch
        {
            FieldVerdict.KeepRegistry => (registryValue, (CorrectionAction?)CorrectionAction.KeepRegistry),
            FieldVerdict.TakeForm => (formValue, CorrectionAction.ChangeRegistry),
            _ => (decision.Value ?? "", null),
        };
        return new CorrectionField(flag.Field, flag.Kind, formValue, registryValue, value)
        {
            DecidedBy = DecisionSource.Reviewer,
            Action = action,
            Note = flag.Reason,
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
