using System.Diagnostics;
using System.Threading.Channels;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Health;
using CccdRecon.Data.Registry;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Telemetry;
using Microsoft.Extensions.Options;

namespace CccdRecon.Server.Batches;

/// <summary>
/// Works through running batches: leases one (several instances may share the database: each batch is worked on by
/// one at a time), then matches chunk after chunk on every core, under the batch's own model
/// (<see cref="ReconcilerForAsync"/>), while the previous chunks are written by <see cref="BatchStore.WriteChunkAsync(string, BatchWorker, long, ChunkRows, Task?, CancellationToken)"/>,
/// each in one transaction (on PostgreSQL two at once, committed in order). The pipeline holds at most one matched
/// chunk waiting besides those being written, so a crash or kill loses at most the chunks in flight, which are redone
/// on the next start (or by the instance that takes the lease over): no form lost, none written twice. A graceful stop (SIGTERM) reads no new chunk but finishes and writes every chunk already read.
/// </summary>
internal sealed class BatchProcessor(
    BatchStore store,
    RegistryStore registry,
    Reconciler reconciler,
    IChunkReconciler matcher,
    BatchSignal signal,
    DatabaseState database,
    IOptions<BatchOptions> options,
    ReconTelemetry telemetry,
    HeapCompaction heap,
    TimeProvider time,
    ILogger<BatchProcessor> logger) : BackgroundService
{
    private readonly HashSet<string> _seen = [];
    private (string BatchId, Reconciler Reconciler)? _batch;

    public BatchWorker Worker { get; } = new(options.Value.InstanceId ?? DefaultInstanceId(), options.Value.LeaseDuration);

    /// <summary>The machine and the working directory, hashed to a fixed length: the same across restarts in place.</summary>
    private static string DefaultInstanceId()
    {
        var place = Environment.MachineName + ":" + Environment.CurrentDirectory;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(place)))[..16];
        var name = Environment.MachineName.Length > 40 ? Environment.MachineName[..40] : Environment.MachineName;
        return $"{name}:{hash}";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            string? batchId = null;
            try
            {
                var leased = await store.LeaseNextAsync(Worker, stoppingToken);
                if (leased is null)
                {
                    telemetry.BatchQueue(0);
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                    continue;
                }
                batchId = leased.BatchId;
                if (leased.TakenFrom is { } previous)
                {
                    Log.BatchTakenOver(logger, batchId, previous);
                }
                await RunAsync(leased, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: give the batch up so another instance need not wait for the lease to lapse.
                await ReleaseAsync(batchId);
                return;
            }
            catch (Exception) when (database.IsLost)
            {
                // Nothing can be written any more (the loss is logged once): idle until the server is stopped.
                await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }
            catch (Exception ex)
            {
                // A database hiccup must not kill the processor: back off and retry from the last written chunk.
                var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 500 * (1 << Math.Min(failures++, 6))));
                Log.ProcessorFailed(logger, ex, batchId ?? "-", (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    /// <summary>Gives a batch's lease up on the way out; a failure only means the lease lapses in its own time.</summary>
    private async Task ReleaseAsync(string? batchId)
    {
        if (batchId is null || database.IsLost)
        {
            return;
        }
        try
        {
            await store.ReleaseLeaseAsync(batchId, Worker, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.LeaseRenewalFailed(logger, ex, batchId);
        }
    }

    /// <summary>
    /// Works on the batch until it is done, cancelled, its lease is lost, or the server stops. A stop (SIGTERM) during
    /// training or before a chunk is read abandons nothing: training is redone on the next start. Every chunk already
    /// read is matched and written even when the stop comes meanwhile — matching takes a moment and the write is one
    /// transaction — so a graceful stop redoes no work; only the host's shutdown timeout cuts it short, and then the
    /// uncommitted chunks are redone on the next start, as after a crash.
    /// </summary>
    private async Task RunAsync(LeasedBatch leased, CancellationToken stoppingToken)
    {
        // Ends the work on this batch (lease lost, batch cancelled or finished, a failure); a stop does not, by itself.
        using var abort = new CancellationTokenSource();
        var renewal = KeepLeaseAsync(leased.BatchId, abort);
        try
        {
            using (var startup = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, abort.Token))
            {
                // Another instance may have imported records this one has not loaded yet.
                await registry.RefreshIndexAsync(startup.Token);
                await ReconcilerForAsync(leased.BatchId, startup.Token);
            }
            var batchReconciler = _batch!.Value.Reconciler;
            var chunks = Channel.CreateBounded<MatchedChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            var matching = Task.Run(() => MatchAsync(leased, batchReconciler, chunks.Writer, stoppingToken, abort.Token), CancellationToken.None);
            try
            {
                await WriteAsync(leased, chunks.Reader, stoppingToken, abort);
            }
            finally
            {
                await abort.CancelAsync();
                await matching.ContinueWith(_ => { }, TaskScheduler.Default);
            }
            if (matching.IsFaulted)
            {
                await matching;
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // The lease was lost, or the batch was cancelled or finished: nothing more to do on it here.
        }
        finally
        {
            await abort.CancelAsync();
            await renewal;
        }
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The reconciler of this batch: under the model stored with the batch, or — on its first chunk — a model trained on
    /// its first forms (<see cref="BatchOptions.TrainOnBatch"/>, <see cref="Reconciler.DefaultTrainingSample"/> of them
    /// by default, as the offline run) or else the online one, which is then stored with it. A resumed batch, or one
    /// taken over by another instance, is matched with the model it started with.
    /// </summary>
    private async Task<Reconciler> ReconcilerForAsync(string batchId, CancellationToken cancellationToken)
    {
        if (_batch is { } current && current.BatchId == batchId)
        {
            return current.Reconciler;
        }
        var stored = await store.ModelOfAsync(batchId, cancellationToken);
        if (stored is null)
        {
            var model = reconciler.Model;
            if (options.Value.TrainOnBatch && matcher.CanTrain)
            {
                var sample = await store.TrainingSampleAsync(batchId, options.Value.TrainingSample, cancellationToken);
                var watch = Stopwatch.StartNew();
                model = ModelTrainer.Train(reconciler.Index, sample, reconciler.Options, time, cancellationToken);
                Log.ModelTrained(logger, batchId, sample.Count, model.Version, watch.ElapsedMilliseconds);
                // Training compares many sampled pairs: its garbage is given back before the chunks start.
                heap.Compact("training");
            }
            stored = await store.KeepModelAsync(batchId, model.Version, ModelFile.ToJson(model), cancellationToken);
        }
        var batchReconciler = reconciler.WithModel(ModelFile.FromJson(stored));
        Log.BatchModel(logger, batchId, batchReconciler.Model.Version);
        _batch = (batchId, batchReconciler);
        return batchReconciler;
    }

    /// <summary>
    /// Reads and matches chunk after chunk, one ahead of the writer at most. The next chunk's forms are read while a
    /// chunk is matched (its cursor is the chunk's last form, known once it is read): the read waits on the database,
    /// and in line with the matching it left a core idle for ≈ 10 ms a chunk. After a stop no chunk is matched but the
    /// one read, which is handed to the writer (a read ahead is dropped); <paramref name="abort"/> drops the work at once.
    /// </summary>
    private async Task MatchAsync(LeasedBatch leased, Reconciler batchReconciler, ChannelWriter<MatchedChunk> chunks,
        CancellationToken stoppingToken, CancellationToken abort)
    {
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, abort);
        Task<IReadOnlyList<PendingForm>>? ahead = null;
        try
        {
            var after = leased.ProcessedThrough;
            while (!stoppingToken.IsCancellationRequested)
            {
                var started = time.GetTimestamp();
                IReadOnlyList<PendingForm> forms;
                try
                {
                    forms = await (ahead ?? store.PendingFormsAsync(leased.BatchId, after, options.Value.ChunkSize, reading.Token));
                    ahead = null;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested && !abort.IsCancellationRequested)
                {
                    return; // Stopped before the chunk was read: nothing to finish.
                }
                Log.MatchingChunk(logger, leased.BatchId, forms.Count);
                // The span and the metrics carry the batch id and counts only; the span ends when the chunk is written.
                var span = StartChunkSpan(leased.BatchId, forms.Count);
                var read = time.GetElapsedTime(started);
                if (forms.Count > 0 && options.Value.PauseBetweenChunks == TimeSpan.Zero)
                {
                    ahead = store.PendingFormsAsync(leased.BatchId, forms[^1].Position, options.Value.ChunkSize, reading.Token);
                }
                // Matched outside any transaction: on every core, or through the cluster (IChunkReconciler).
                var results = await matcher.ReconcileAsync(batchReconciler, forms.Select(f => f.Form).ToList(), abort);
                var rows = await store.PrepareChunkAsync(leased.BatchId, forms, results, abort);
                Log.ChunkMatched(logger, leased.BatchId, forms.Count, (long)read.TotalMilliseconds, (long)(time.GetElapsedTime(started) - read).TotalMilliseconds);
                await chunks.WriteAsync(new MatchedChunk(after, rows, started, span), abort);
                if (forms.Count == 0)
                {
                    return;
                }
                after = forms[^1].Position;
                if (options.Value.PauseBetweenChunks > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(options.Value.PauseBetweenChunks, time, reading.Token);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested && !abort.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            chunks.TryComplete();
            if (ahead is not null)
            {
                // A read ahead that the loop did not take (a stop, or a failure while matching): cancelled, and its end
                // (whatever it was) observed here; the loop's own outcome is what the caller sees.
                await reading.CancelAsync();
                await ahead.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Writes the matched chunks in order until the matcher has no more (the batch is read to its end, or the server is
    /// stopping); stops the pipeline when the batch is done or no longer this worker's. Up to
    /// <see cref="BatchStore.ChunkWritesAtOnce"/> chunks are written at once (PostgreSQL: two, each in its own
    /// transaction), each committed only after the one before it (<see cref="BatchStore.WriteChunkAsync(string, BatchWorker, long, ChunkRows, Task?, CancellationToken)"/>);
    /// their outcomes are taken in the same order.
    /// </summary>
    private async Task WriteAsync(LeasedBatch leased, ChannelReader<MatchedChunk> chunks, CancellationToken stoppingToken, CancellationTokenSource abort)
    {
        var batchId = leased.BatchId;
        var atOnce = store.ChunkWritesAtOnce;
        var inFlight = new Queue<(MatchedChunk Chunk, Task<ChunkWritten> Write, long Started)>(atOnce);
        Task? latest = null;
        ChunkWritten? last = null;
        try
        {
            await foreach (var chunk in chunks.ReadAllAsync(abort.Token))
            {
                if (inFlight.Count == atOnce && !await WrittenAsync(inFlight.Dequeue()))
                {
                    return;
                }
                // The write before this one, if still in flight: this chunk commits only after it.
                var before = inFlight.Count > 0 ? latest : null;
                var write = store.WriteChunkAsync(batchId, Worker, chunk.After, chunk.Rows, before, abort.Token);
                inFlight.Enqueue((chunk, write, time.GetTimestamp()));
                latest = write;
            }
            while (inFlight.Count > 0)
            {
                if (!await WrittenAsync(inFlight.Dequeue()))
                {
                    return;
                }
            }
            if (stoppingToken.IsCancellationRequested && last is { } stopped)
            {
                Log.StoppedAfterChunk(logger, batchId, stopped.Processed, stopped.FormCount);
            }
        }
        finally
        {
            // Writes still in flight when the work ends early: each finds the chunk before it not committed (or is
            // cancelled) and writes nothing. Awaited so none outlives the batch's run. After the batch's last chunk the
            // one in flight (the matcher's empty last chunk) is let finish: it finds the batch done and writes nothing,
            // where a cancel mid-transaction had the database provider log an error (3 of 9 runs at 400k).
            if (inFlight.Count > 0)
            {
                if (last is not { Finished: true })
                {
                    await abort.CancelAsync();
                }
                foreach (var (chunk, write, _) in inFlight)
                {
                    await write.ContinueWith(_ => { }, TaskScheduler.Default);
                    chunk.Span?.Dispose();
                }
            }
        }

        // The outcome of one chunk's write; false when the work on the batch ends here (not written, or finished).
        async Task<bool> WrittenAsync((MatchedChunk Chunk, Task<ChunkWritten> Write, long Started) entry)
        {
            var (chunk, write, started) = entry;
            using var span = chunk.Span;
            var written = await write;
            if (!written.Written)
            {
                span?.SetTag("cccdrecon.batch.chunk.written", false);
                Log.ChunkNotWritten(logger, batchId);
                return false;
            }
            var forms = chunk.Rows.FormCount;
            HeapCompaction.AfterChunk();
            telemetry.FormsMatched.Add(forms);
            telemetry.ChunkDuration.Record(time.GetElapsedTime(chunk.Started).TotalSeconds);
            telemetry.BatchQueue(written.FormCount - written.Processed);
            span?.SetTag("cccdrecon.batch.chunk.written", true);
            span?.SetTag("cccdrecon.batch.processed", written.Processed);
            last = written;
            if (_seen.Add(batchId) && written.ProcessedBefore > 0)
            {
                Log.BatchResumed(logger, batchId, written.ProcessedBefore, written.FormCount);
            }
            Log.ChunkWritten(logger, batchId, forms, written.Processed, written.FormCount, (long)time.GetElapsedTime(started).TotalMilliseconds);
            if (written.Finished)
            {
                Log.BatchSucceeded(logger, batchId, written.FormCount);
                // The chunks' garbage is given back while the server waits for the next batch.
                heap.Compact("a batch");
                return false;
            }
            return true;
        }
    }

    /// <summary>
    /// A chunk's span, from its read to its write. It is started on the matcher and ended on the writer, so it is not
    /// left as the matcher's current activity (the next chunk's span would be its child).
    /// </summary>
    private static Activity? StartChunkSpan(string batchId, int forms)
    {
        var parent = Activity.Current;
        var span = ReconTelemetry.Source.StartActivity("batch.chunk");
        Activity.Current = parent;
        span?.SetTag("cccdrecon.batch.id", batchId);
        span?.SetTag("cccdrecon.batch.chunk.forms", forms);
        return span;
    }

    /// <summary>Renews the lease every third of its duration; cancels the work when it is lost.</summary>
    private async Task KeepLeaseAsync(string batchId, CancellationTokenSource abort)
    {
        try
        {
            while (!abort.IsCancellationRequested)
            {
                await Task.Delay(Worker.LeaseDuration / 3, time, abort.Token);
                switch (await store.RenewLeaseAsync(batchId, Worker, abort.Token))
                {
                    case LeaseRenewal.Lost:
                        Log.LeaseLost(logger, batchId);
                        await abort.CancelAsync();
                        break;
                    case LeaseRenewal.BatchEnded:
                        // Its last chunk was written (or it was cancelled) between two renewals: the work ends as it would have.
                        await abort.CancelAsync();
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The work ended.
        }
        catch (Exception ex)
        {
            // The database is unreachable: the chunk writes will fail and be retried; the lease may lapse meanwhile,
            // and the write then finds it taken and writes nothing.
            Log.LeaseRenewalFailed(logger, ex, batchId);
        }
    }

    /// <summary>
    /// A chunk matched, its rows composed, waiting to be written after the form row id <see cref="After"/>; read at
    /// <see cref="Started"/> (a timestamp of the processor's clock), traced by <see cref="Span"/>.
    /// </summary>
    private sealed record MatchedChunk(long After, ChunkRows Rows, long Started, Activity? Span);
}
