namespace CccdRecon.Data.Entities;

/// <summary>
/// One entry of the append-only audit trail (nhật ký truy cập): who read or changed personal data, when, under
/// which role, and which ids. Written in the transaction of the change it records; never updated or deleted
/// (the migrations add triggers that refuse both).
/// </summary>
public sealed class AuditEventRow
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Subject { get; set; }
    public required string Role { get; set; }
    /// <summary>The token's units, space-separated.</summary>
    public string Units { get; set; } = "";
    public required string Action { get; set; }
    /// <summary>The ids touched, space-separated.</summary>
    public string Targets { get; set; } = "";
    public string TraceId { get; set; } = "";
}
