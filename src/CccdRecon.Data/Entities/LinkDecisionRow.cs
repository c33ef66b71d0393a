namespace CccdRecon.Data.Entities;

/// <summary>
/// One link decision on a case (xác nhận / bác bỏ / chọn bản ghi), kept for ever with who and when. A later decision
/// supersedes an earlier one; none is changed or removed. A re-run of the batch keeps the case and its link.
/// </summary>
public sealed class LinkDecisionRow
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public LinkDecisionKind Action { get; set; }
    /// <summary>The record linked by this decision (null for a rejection).</summary>
    public string? RecordId { get; set; }
    public required string Reviewer { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public string? Note { get; set; }
}
