using CccdRecon.Core.Names;

namespace CccdRecon.Reports;

/// <summary>
/// What a correction list (danh sách công dân cần điều chỉnh thông tin) is made from: one batch's forms that need a
/// person, each with the fields to correct. The CLI builds it from a <c>reconcile</c> output folder, the console from
/// the database with the reviewers' decisions; both hand it to <see cref="Workbook.CorrectionWorkbook"/> and
/// <see cref="Notices.NoticeDocument"/>.
/// </summary>
public sealed record CorrectionList
{
    /// <summary>The batch (đợt đối soát): its id in the database, or the name of a results folder.</summary>
    public required string BatchId { get; init; }

    /// <summary>
    /// The administrative unit the batch belongs to. Forms whose address names no commune are listed under it.
    /// </summary>
    public BatchUnit? Unit { get; init; }

    /// <summary>When the list was made (shown on every sheet and notice).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<CorrectionCase> Cases { get; init; }

    /// <summary>
    /// The label each commune (by its <see cref="Core.Addresses.AddressCommune.Key"/>) goes by across the whole batch, where
    /// the caller knows it: the console's, from every case of the batch, so its lists, notices and dashboard name a commune
    /// alike even when a list holds only part of the batch. Without it, the spelling most of the listed forms use.
    /// </summary>
    public IReadOnlyDictionary<string, string>? CommuneLabels { get; init; }
}

/// <summary>An administrative unit: its code (2, 3 or 5 digits) and, where known, its name ("Phường Ba Đình").</summary>
public sealed record BatchUnit(string Code, string? Name = null)
{
    public string Label => string.IsNullOrWhiteSpace(Name) ? $"Đơn vị {Code}" : Name;
}

/// <summary>Why a form is on the list (tình trạng).</summary>
public enum CaseStatus
{
    /// <summary>Linked to a registry record, with fields that differ in substance.</summary>
    Review = 0,

    /// <summary>No registry record is this person.</summary>
    NoMatch = 1,

    /// <summary>A reviewer rejected the engine's link: the record is another person, so none is known.</summary>
    RejectedLink = 2,

    /// <summary>Several registry records could be this person and nobody has chosen yet.</summary>
    Ambiguous = 3,
}

/// <summary>One form on the list: the citizen as keyed, where they live, and what must be corrected.</summary>
public sealed record CorrectionCase
{
    public required string FormId { get; init; }

    public required CaseStatus Status { get; init; }

    /// <summary>The linked registry record (review), or the best candidate (ambiguous); null otherwise.</summary>
    public string? RecordId { get; init; }

    /// <summary>Full name as keyed on the form (any case, NFD, no diacritics…).</summary>
    public string? FullName { get; init; }

    /// <summary>Date of birth as keyed on the form.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>Personal ID or legacy number as keyed: text, never a number (leading zeros matter).</summary>
    public string? PersonalId { get; init; }

    public string? Gender { get; init; }

    /// <summary>Permanent address as keyed: the household (hộ), and the commune it lies in.</summary>
    public string? Address { get; init; }

    /// <summary>
    /// The commune when the caller knows it better than the address says (a reviewer's correction, the unit of a
    /// commune batch); otherwise the commune is read from <see cref="Address"/>.
    /// </summary>
    public string? Commune { get; init; }

    /// <summary>The fields to correct (status review); empty for the other statuses.</summary>
    public IReadOnlyList<CorrectionField> Fields { get; init; } = [];
}

/// <summary>Who decided the value a field should take.</summary>
public enum DecisionSource
{
    /// <summary>The engine's suggestion: nobody has reviewed the field yet.</summary>
    Engine = 0,

    /// <summary>A verification officer's decision.</summary>
    Reviewer = 1,
}

/// <summary>Which side must change for the form and the registry to agree.</summary>
public enum CorrectionAction
{
    /// <summary>The registry's value stands: the form is corrected and the citizen confirms it.</summary>
    KeepRegistry = 0,

    /// <summary>
    /// The registry must change (to the form's value, a completed date, or a value the reviewer entered): the citizen
    /// brings the papers that prove it.
    /// </summary>
    ChangeRegistry = 1,
}

/// <summary>One field of a form that differs in substance from the registry.</summary>
/// <param name="Field">Interchange field name (<c>full_name</c>, <c>date_of_birth</c>, …).</param>
/// <param name="Kind">Interchange difference kind (<c>spelling</c>, <c>lunar_date</c>, …).</param>
/// <param name="FormValue">The value as keyed on the form.</param>
/// <param name="RegistryValue">The registry's value.</param>
/// <param name="Decision">The reviewer's decision if there is one, else the engine's suggestion.</param>
public sealed record CorrectionField(string Field, string Kind, string FormValue, string RegistryValue, string Decision)
{
    public DecisionSource DecidedBy { get; init; } = DecisionSource.Engine;

    /// <summary>The engine's or the reviewer's own words, kept for the record (the list gives the reason in Vietnamese from <see cref="Kind"/>).</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Which side changes; when the caller does not say, it is read from the values: a decision equal to the
    /// registry's value keeps the registry, anything else (and a registry that knows only part of a date) changes it.
    /// </summary>
    public CorrectionAction? Action { get; init; }

    public CorrectionAction EffectiveAction => Action ?? (
        Kind != Core.Matching.DiscrepancyKind.RegistryPartial
        && VietnameseText.Canonicalize(Decision) == VietnameseText.Canonicalize(RegistryValue)
            ? CorrectionAction.KeepRegistry
            : CorrectionAction.ChangeRegistry);
}
