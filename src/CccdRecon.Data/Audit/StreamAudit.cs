using CccdRecon.Data.Access;

namespace CccdRecon.Data.Audit;

/// <summary>
/// The audit of one stream that discloses many ids (ReconcileStream): the ids are queued as events of
/// <see cref="AuditTrail.MaxTargetsPerEvent"/> ids as they accumulate, and the rest when the stream ends. A stream open
/// for hours holds one event's ids at most; it used to hold every id it had answered until it ended (memory growing with
/// the stream's length, then one event of millions of ids, and none at all if the server was killed meanwhile).
/// Safe for the stream's concurrent workers.
/// </summary>
public sealed class StreamAudit(AuditTrail trail, Caller caller, string action)
{
    private readonly Lock _gate = new();
    private List<string> _pending = [];

    /// <summary>Adds what one answer disclosed; queues an event once the ids reach <see cref="AuditTrail.MaxTargetsPerEvent"/>.</summary>
    public ValueTask AddAsync(IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        List<string>? full = null;
        lock (_gate)
        {
            _pending.AddRange(targets);
            if (_pending.Count >= AuditTrail.MaxTargetsPerEvent)
            {
                (full, _pending) = (_pending, []);
            }
        }
        return full is null ? ValueTask.CompletedTask : trail.EnqueueAsync(caller, action, full, cancellationToken);
    }

    /// <summary>Queues what is left (the stream ended, or the caller went away part-way: what was answered is recorded).</summary>
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        List<string> rest;
        lock (_gate)
        {
            (rest, _pending) = (_pending, []);
        }
        return rest.Count == 0 ? ValueTask.CompletedTask : trail.EnqueueAsync(caller, action, rest, cancellationToken);
    }
}
