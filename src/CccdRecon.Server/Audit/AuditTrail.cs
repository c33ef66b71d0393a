using CccdRecon.Data;
using CccdRecon.Data.Entities;
using CccdRecon.Server.Security;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Server.Audit;

/// <summary>What an audit event says was done. Never renamed: the trail is kept for years.</summary>
internal static class AuditActions
{
    public const string ImportRecords = "registry.import_records";
    public const string GetRecord = "registry.get_record";
    public const string Reconcile = "reconciliation.reconcile";
    public const string ReconcileStream = "reconciliation.reconcile_stream";
    public const string CreateBatch = "batch.create_batch";
    public const string AddForms = "batch.add_forms";
    public const string StartBatch = "batch.start_batch";
    public const string CancelBatch = "batch.cancel_batch";
    public const string ListResults = "batch.list_results";
    public const string ListCases = "review.list_cases";
    public const string GetCase = "review.get_case";
    public const string ClaimCase = "review.claim_case";
    public const string ResolveCase = "review.resolve_case";
    public const string ListCleanRecords = "intake.list_clean_records";
    public const string ExportCleanRecords = "intake.export_clean_records";
}

/// <summary>
/// Writes the append-only audit trail. A change adds its event to the change's own DbContext with
/// <see cref="Add"/>, so both commit in one transaction (or neither); a read writes its event with
/// <see cref="WriteAsync"/> before the data leaves the server. Targets are ids only, never personal data.
/// </summary>
internal sealed class AuditTrail(IDbContextFactory<ReconDbContext> dbFactory, TimeProvider time)
{
    public void Add(ReconDbContext db, Caller caller, string action, IEnumerable<string> targets)
        => db.AuditEvents.Add(new AuditEventRow
        {
            OccurredAt = time.GetUtcNow(),
            Subject = caller.Subject,
            Role = caller.Role,
            Units = string.Join(' ', caller.Units),
            Action = action,
            Targets = string.Join(' ', targets),
            TraceId = caller.TraceId,
        });

    public async Task WriteAsync(Caller caller, string action, IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Add(db, caller, action, targets);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Target ids with their kind, e.g. <c>case:12</c>, so one column holds every kind of id.</summary>
internal static class Target
{
    public static string Record(string id) => "record:" + id;
    public static string Batch(string id) => "batch:" + id;
    public static string Form(string id) => "form:" + id;
    public static string Case(long id) => "case:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static string Clean(long id) => "clean:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
