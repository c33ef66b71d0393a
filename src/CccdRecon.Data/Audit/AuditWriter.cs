using CccdRecon.Data.Entities;
using CccdRecon.Data.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Data.Audit;

/// <summary>Commits queued audit events in batches, and everything still queued when the host stops.</summary>
internal sealed class AuditWriter(AuditTrail trail, IDbContextFactory<ReconDbContext> dbFactory, DatabaseState database, TimeProvider time,
    ILogger<AuditWriter> logger) : BackgroundService
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
            catch (Exception) when (database.IsLost)
            {
                // Nowhere to write them: the loss is logged once, and the server refuses the calls that would add more.
                // Calls in flight write their events themselves (and fail) rather than wait for room in a full queue.
                trail.Complete();
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
            {
                // Kept and retried: the trail must not lose events to a busy database.
                Log.AuditWriteFailed(logger, ex, batch.Count);
            }
            // A full batch already waiting is written at once: the writer keeps up with a busy server.
            if (!stoppingToken.IsCancellationRequested && trail.Queued.Count < MaxBatch)
            {
                await Task.Delay(AuditTrail.FlushInterval, time, CancellationToken.None);
            }
        }
    }
}
