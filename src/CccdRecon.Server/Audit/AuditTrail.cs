using System.Threading.Channels;
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
/// <see cref="WriteAsync"/> before the data leaves the server. Online reconciliation, thousands of calls a second,
/// queues its events with <see cref="Enqueue"/>: <see cref="AuditWriter"/> commits them in batches within
/// <see cref="FlushInterval"/>, so a crash can lose at most that last moment of Reconcile events.
/// Targets are ids only, never personal data.
/// </summary>
internal sealed class AuditTrail(IDbContextFactory<ReconDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    private readonly Channel<AuditEventRow> _queue = Channel.CreateUnbounded<AuditEventRow>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<AuditEventRow> Queued => _queue.Reader;

    public void Add(ReconDbContext db, Caller caller, string action, IEnumerable<string> targets) => db.AuditEvents.Add(Event(caller, action, targets));

    public async Task WriteAsync(Caller caller, string action, IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Add(db, caller, action, targets);
        await db.SaveChangesAsync(cancellationToken);
    }

    public void Enqueue(Caller caller, string action, IEnumerable<string> targets) => _queue.Writer.TryWrite(Event(caller, action, targets));

    /// <summary>Stops taking events; the writer commits what is queued and ends.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private AuditEventRow Event(Caller caller, string action, IEnumerable<string> targets) => new()
    {
        OccurredAt = time.GetUtcNow(),
        Subject = caller.Subject,
        Role = caller.Role,
        Units = string.Join(' ', caller.Units),
        Action = action,
        Targets = string.Join(' ', targets),
        TraceId = caller.TraceId,
    };
}

/// <summary>Commits queued audit events in batches, and everything still queued when the server stops.</summary>
internal sealed class AuditWriter(AuditTrail trail, IDbContextFactory<ReconDbContext> dbFactory, TimeProvider time, ILogger<AuditWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stoppingToken.Register(trail.Complete);
        var batch = new List<AuditEventRow>();
        // A batch that failed to commit is retried without waiting for new events.
        while (batch.Count > 0 || await trail.Queued.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && trail.Queued.TryRead(out var row))
            {
                batch.Add(row);
            }
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                db.AuditEvents.AddRange(batch);
                await db.SaveChangesAsync(CancellationToken.None);
                batch.Clear();
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
            {
                // Kept and retried: the trail must not lose events to a busy database.
                Log.AuditWriteFailed(logger, ex, batch.Count);
            }
            if (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(AuditTrail.FlushInterval, time, CancellationToken.None);
            }
        }
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
