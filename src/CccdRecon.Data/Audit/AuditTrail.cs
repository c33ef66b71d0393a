using System.Threading.Channels;
using CccdRecon.Data.Access;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CccdRecon.Data.Audit;

/// <summary>
/// The append-only audit trail (nhật ký truy cập). A change adds its event to the change's own DbContext with
/// <see cref="Add"/>, so both commit in one transaction (or neither); a read writes its event with
/// <see cref="WriteAsync"/> before the data leaves the store. Online reconciliation, thousands of calls a second,
/// queues its events with <see cref="EnqueueAsync"/>: <see cref="AuditWriter"/> commits them in batches within
/// <see cref="FlushInterval"/>, so a crash can lose at most that last moment of Reconcile events. The queue is bounded
/// (<see cref="QueueCapacity"/>): when the database falls behind, callers wait for the writer rather than the queue
/// growing without end. Targets are ids only, never personal data.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<ReconDbContext> dbFactory, IOptions<StoreLimits> limits, TimeProvider time)
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Events queued at most. Past it an online call waits for the writer (backpressure): a database slower than the
    /// calls slows the calls, it does not grow the server's memory. A few seconds of the busiest online load.
    /// </summary>
    public const int QueueCapacity = 50_000;

    /// <summary>
    /// Ids one event of a long call names at most (about: a form's ids are not split): a stream's ids are queued as they
    /// accumulate (<see cref="StreamAudit"/>), never held for the whole stream.
    /// </summary>
    public const int MaxTargetsPerEvent = 1_000;

    // Read by the one AuditWriter; its Count is the audit queue metric.
    private readonly Channel<AuditEventRow> _queue = Channel.CreateBounded<AuditEventRow>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = false, FullMode = BoundedChannelFullMode.Wait });

    internal ChannelReader<AuditEventRow> Queued => _queue.Reader;

    /// <summary>Events queued and not yet committed (a metric: how far the writer is behind).</summary>
    public int QueuedCount => _queue.Reader.Count;

    internal void Add(ReconDbContext db, Caller caller, string action, IEnumerable<string> targets) => db.AuditEvents.Add(Event(caller, action, targets));

    public async Task WriteAsync(Caller caller, string action, IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Add(db, caller, action, targets);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Queues the event for <see cref="AuditWriter"/>; waits while the queue is full (until the writer makes room, or the
    /// call is cancelled). Once the writer has stopped (the host is shutting down and the last calls are finishing, or the
    /// database is lost), the event is written at once instead: a graceful stop loses none.
    /// </summary>
    public ValueTask EnqueueAsync(Caller caller, string action, IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        var row = Event(caller, action, targets);
        return _queue.Writer.TryWrite(row) ? ValueTask.CompletedTask : WaitForRoomAsync(row, cancellationToken);
    }

    private async ValueTask WaitForRoomAsync(AuditEventRow row, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(row, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.AuditEvents.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Stops taking events; the writer commits what is queued and ends.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>The trail, oldest first (administrators only: the host checks the role).</summary>
    public async Task<Page<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value);
        var filter = $"audit|{query.Subject}|{query.Action}|{query.Start?.UtcTicks}|{query.End?.UtcTicks}";
        var size = check.Page(query.Page, filter, out long? after);
        check.MaxLength("subject", query.Subject).MaxLength("action", query.Action, 64);
        if (query.Start is { } start && query.End is { } end && end < start)
        {
            check.Add("end_time", "must not be before start_time");
        }
        check.ThrowIfInvalid();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Subject))
        {
            events = events.Where(e => e.Subject == query.Subject);
        }
        if (!string.IsNullOrEmpty(query.Action))
        {
            events = events.Where(e => e.Action == query.Action);
        }
        if (query.Start is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }
        if (query.End is { } to)
        {
            events = events.Where(e => e.OccurredAt < to);
        }
        var page = await events.PageByIdAsync(e => e.Id, after, size, filter, cancellationToken);
        return page.Select(e => new AuditEntry(e.Id, e.OccurredAt, e.Subject, e.Role, Split(e.Units), e.Action, Split(e.Targets), e.TraceId));
    }

    private static string[] Split(string joined) => joined.Split(' ', StringSplitOptions.RemoveEmptyEntries);

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
