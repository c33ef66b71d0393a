using CccdRecon.Data.Audit;
using CccdRecon.Data.Paging;

namespace CccdRecon.Data.Tests;

/// <summary>
/// Online calls' audit events wait in a queue for the writer: the queue is bounded (a database slower than the calls
/// slows the calls, it does not grow the server's memory), and a long stream's ids are queued as they accumulate, never
/// held for the whole stream (found by the soak, bench/soak: memory grew with every form a stream answered).
/// No <see cref="AuditWriter"/> runs in <see cref="StoreHost"/>: nothing drains the queue unless a test does.
/// </summary>
public sealed class AuditQueueTests
{
    private static readonly Access.Caller Upstream = new("upstream.test", "recon.upstream", [], "trace-upstream", SeesAllUnits: true);

    [Fact]
    public async Task A_full_queue_makes_the_caller_wait_and_a_stopped_writer_has_the_event_written_at_once()
    {
        await using var host = await StoreHost.StartAsync();
        var trail = host.Get<AuditTrail>();
        for (var i = 0; i < AuditTrail.QueueCapacity; i++)
        {
            Assert.True(trail.EnqueueAsync(Upstream, AuditActions.Reconcile, [$"form:F{i}"], default).IsCompletedSuccessfully);
        }

        var waiting = trail.EnqueueAsync(Upstream, AuditActions.Reconcile, ["form:LAST"], default).AsTask();

        // Nothing reads the queue, so the call cannot go on, and the queue did not grow past its bound.
        Assert.False(waiting.IsCompleted);
        Assert.Equal(AuditTrail.QueueCapacity, trail.QueuedCount);
        // The host stops the writer: the waiting event is written at once, not lost.
        trail.Complete();
        await waiting;
        var written = await trail.ListAsync(new AuditQuery(Upstream.Subject, null, null, null, new PageRequest(0, null)), default);
        Assert.Equal(["form:LAST"], Assert.Single(written.Items).Targets);
    }

    [Fact]
    public async Task A_streams_ids_are_queued_as_they_accumulate_each_once()
    {
        await using var host = await StoreHost.StartAsync();
        var trail = host.Get<AuditTrail>();
        var stream = new StreamAudit(trail, Upstream, AuditActions.ReconcileStream);
        var ids = Enumerable.Range(0, (2 * AuditTrail.MaxTargetsPerEvent) + 300).Select(i => $"form:S{i}").ToList();

        var queuedWhileOpen = new List<int>();
        foreach (var id in ids)
        {
            await stream.AddAsync([id], default);
            queuedWhileOpen.Add(trail.QueuedCount);
        }
        // While the stream is open, an event is queued every MaxTargetsPerEvent ids: memory bounded by one event.
        Assert.Equal(0, queuedWhileOpen[AuditTrail.MaxTargetsPerEvent - 2]);
        Assert.Equal(1, queuedWhileOpen[AuditTrail.MaxTargetsPerEvent - 1]);
        Assert.Equal(2, queuedWhileOpen[^1]);

        await stream.CompleteAsync(default);
        await stream.CompleteAsync(default); // nothing left: no empty event
        Assert.Equal(3, trail.QueuedCount);
        trail.Complete();
        foreach (var writer in host.Get<IEnumerable<Microsoft.Extensions.Hosting.IHostedService>>())
        {
            await writer.StartAsync(default); // the audit writer drains the queue and ends
        }
        var events = await WaitForEventsAsync(trail, 3);
        Assert.All(events, e => Assert.Equal(AuditActions.ReconcileStream, e.Action));
        Assert.Equal(ids, events.SelectMany(e => e.Targets));
    }

    private static async Task<IReadOnlyList<AuditEntry>> WaitForEventsAsync(AuditTrail trail, int count)
    {
        var query = new AuditQuery(Upstream.Subject, null, null, null, new PageRequest(0, null));
        for (var attempt = 0; ; attempt++)
        {
            var page = await trail.ListAsync(query, default);
            if (page.Items.Count >= count || attempt == 100)
            {
                return page.Items;
            }
            await Task.Delay(50);
        }
    }
}
