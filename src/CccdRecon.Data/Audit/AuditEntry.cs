namespace CccdRecon.Data.Audit;

/// <summary>One event of the audit trail as read back: who did what to which ids, when, under which role.</summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset OccurredAt,
    string Subject,
    string Role,
    IReadOnlyList<string> Units,
    string Action,
    IReadOnlyList<string> Targets,
    string TraceId);

/// <summary>A listing of the trail, oldest first: every filter is optional; <paramref name="End"/> is exclusive.</summary>
public sealed record AuditQuery(string? Subject, string? Action, DateTimeOffset? Start, DateTimeOffset? End, Paging.PageRequest Page);
