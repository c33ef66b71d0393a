namespace CccdRecon.Data.Entities;

/// <summary>
/// A review case (hồ sơ cần xác minh): a result that needs a person, of one <see cref="CaseKind"/>. Its current link
/// (<see cref="RecordId"/>) is the engine's until a reviewer decides otherwise; its flagged fields are those of that link.
/// </summary>
public sealed class ReviewCaseRow
{
    public long Id { get; set; }
    public long ResultId { get; set; }
    public BatchResultRow? Result { get; set; }
    public required string BatchId { get; set; }
    public required string FormId { get; set; }
    public CaseKind Kind { get; set; }
    /// <summary>The batch's administrative unit, kept on the case so scope and the queue need no join.</summary>
    public string Unit { get; set; } = "";
    /// <summary>The form's name in list order (<see cref="Review.QueueSortKey"/>): the queue's keyset order.</summary>
    public string SortKey { get; set; } = "";
    /// <summary>
    /// The commune of the form's permanent address (<see cref="Core.Addresses.AddressCommune.Key"/>), read when the case is
    /// created so the dashboard groups cases by commune in the database; "" when the address names none, null only on a
    /// case stored before the column existed and not yet filled (<c>ReviewStore.UpgradeCommunesAsync</c> fills them at start).
    /// </summary>
    public string? CommuneKey { get; set; }
    /// <summary>The commune as this form spells it (<see cref="Core.Addresses.AddressCommune.Label"/>); "" when none.</summary>
    public string? Commune { get; set; }
    /// <summary><see cref="ReviewCaseState.Open"/> or <see cref="ReviewCaseState.Resolved"/>; a claim is the claim columns.</summary>
    public ReviewCaseState State { get; set; }
    /// <summary>The record the case is linked to now: the engine's, or the reviewer's choice; null when none.</summary>
    public string? RecordId { get; set; }
    /// <summary>The latest link decision, null while nobody has made one.</summary>
    public LinkDecisionKind? Link { get; set; }
    /// <summary>The link decision whose flagged fields and field decisions are current; null for the engine's link.</summary>
    public long? LinkId { get; set; }
    /// <summary>The current flags, <c>field:kind</c> joined by ';' (derived from the flag rows, for the queue); null until computed.</summary>
    public string? Flags { get; set; }
    /// <summary>Who holds the claim; it lapses <c>Review:ClaimTimeout</c> after <see cref="ClaimedAt"/>.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>Optimistic concurrency token, exposed as the etag.</summary>
    public int Version { get; set; }
    public List<FieldDecisionRow> Decisions { get; set; } = [];
    public List<LinkDecisionRow> LinkDecisions { get; set; } = [];
}
