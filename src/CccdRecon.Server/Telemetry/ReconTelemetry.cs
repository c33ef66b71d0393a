using System.Diagnostics;
using System.Diagnostics.Metrics;
using CccdRecon.Data;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Entities;
using CccdRecon.Web.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Server.Telemetry;

/// <summary>
/// The server's own traces and metrics (issue 12 point 15). Every attribute is an identifier the service made (batch
/// id), a method name, a status code, a count or a duration: never a name, a date, an ID number, an address, a token
/// or a subject. gRPC calls are measured by <see cref="RpcMetricsInterceptor"/>, database commands by
/// <see cref="DatabaseTiming"/>, batch chunks by the batch processor.
/// </summary>
internal sealed class ReconTelemetry : IDisposable
{
    public const string Name = "CccdRecon.Server";

    /// <summary>How long the review backlog, which takes a query, is reused between scrapes.</summary>
    private static readonly TimeSpan BacklogRefresh = TimeSpan.FromSeconds(10);

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    // The stores are resolved when first scraped: the database factory's own interceptors (DatabaseTiming) need this
    // class, and the stores need the factory.
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private long _batchQueue;
    private (long Value, long At) _backlog = (0, long.MinValue);
    private (ServiceFigures? Value, long At) _figures = (null, long.MinValue);

    public ReconTelemetry(IMeterFactory meters, IServiceProvider services, TimeProvider time)
    {
        _services = services;
        _time = time;
        _meter = meters.Create(Name);
        RpcDuration = _meter.CreateHistogram<double>("rpc.server.call.duration", "s",
            "gRPC calls handled, by service, method and status code, with their duration");
        FormsMatched = _meter.CreateCounter<long>("cccdrecon.batch.forms.matched", "{form}", "Forms of batches matched and written (its rate is forms/s)");
        ChunkDuration = _meter.CreateHistogram<double>("cccdrecon.batch.chunk.duration", "s", "Time to match and write one batch chunk");
        DatabaseDuration = _meter.CreateHistogram<double>("cccdrecon.db.command.duration", "s", "Database commands, by kind, with their duration");
        _meter.CreateObservableGauge("cccdrecon.batch.queue.forms", () => Interlocked.Read(ref _batchQueue), "{form}",
            "Forms of the running batch not matched yet");
        _meter.CreateObservableGauge("cccdrecon.audit.queue.events", () => (long)_services.GetRequiredService<AuditTrail>().QueuedCount, "{event}",
            "Audit events queued and not yet committed");
        _meter.CreateObservableGauge("cccdrecon.review.backlog.cases", ReviewBacklog, "{case}", "Review cases not resolved yet");
        // The batch dashboard's figures for every unit together: labels are states and kinds only (a handful of values),
        // never a batch, a unit or a reviewer.
        _meter.CreateObservableGauge("cccdrecon.batches", () => Figures()?.Batches.Select(b =>
            new Measurement<long>(b.Count, new KeyValuePair<string, object?>("state", b.State.ToString().ToLowerInvariant()))) ?? [], "{batch}",
            "Batches by state (open: receiving forms, running, succeeded, cancelled)");
        _meter.CreateObservableGauge("cccdrecon.batch.running.forms", RunningForms, "{form}", "Forms of the batches open or running: all of them, and those matched so far");
        _meter.CreateObservableGauge("cccdrecon.review.cases", () => Figures()?.Cases.Select(c => new Measurement<long>(c.Count,
            new KeyValuePair<string, object?>("kind", c.Kind.ToString().ToLowerInvariant()), new KeyValuePair<string, object?>("state", c.State))) ?? [],
            "{case}", "Review cases by kind (differences, ambiguous, nomatch) and state (open, claimed, resolved)");
    }

    private IEnumerable<Measurement<long>> RunningForms()
    {
        if (Figures() is not { } f) yield break;
        yield return new Measurement<long>(f.RunningForms, new KeyValuePair<string, object?>("progress", "total"));
        yield return new Measurement<long>(f.RunningProcessed, new KeyValuePair<string, object?>("progress", "matched"));
    }

    /// <summary>The dashboard's service-wide figures, read at most every <see cref="BacklogRefresh"/>; null while the database is unavailable.</summary>
    private ServiceFigures? Figures()
    {
        var now = _time.GetTimestamp();
        if (_figures.At != long.MinValue && _time.GetElapsedTime(_figures.At, now) < BacklogRefresh) return _figures.Value;
        try
        {
            _figures = (_services.GetRequiredService<DashboardQueries>().Service(), now);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or System.Data.Common.DbException)
        {
            return null; // No figure rather than a wrong one.
        }
        return _figures.Value;
    }

    public Histogram<double> RpcDuration { get; }
    public Counter<long> FormsMatched { get; }
    public Histogram<double> ChunkDuration { get; }
    public Histogram<double> DatabaseDuration { get; }

    /// <summary>What the running batch still has to match (0 when none runs).</summary>
    public void BatchQueue(long forms) => Interlocked.Exchange(ref _batchQueue, forms);

    private IEnumerable<Measurement<long>> ReviewBacklog()
    {
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_backlog.At, now) >= BacklogRefresh || _backlog.At == long.MinValue)
        {
            try
            {
                using var db = _services.GetRequiredService<IDbContextFactory<ReconDbContext>>().CreateDbContext();
                // From the tallies kept with every change (a case's own counter has no field), as the review counts
                // are: no index of the cases is led by their state, so counting the cases would read them all.
                _backlog = (db.CaseTallies.Where(t => t.Field == CaseTallyRow.CaseCounter && t.State != ReviewCaseState.Resolved).Sum(t => t.Count), now);
            }
            catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or System.Data.Common.DbException)
            {
                yield break; // No figure rather than a wrong one while the database is unavailable.
            }
        }
        yield return new Measurement<long>(_backlog.Value);
    }

    public void Dispose() => _meter.Dispose();
}
