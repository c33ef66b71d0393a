using System.Threading.Channels;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Registry;
using CccdRecon.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CccdRecon.Server.Batches;

/// <summary>
/// Works through running batches: leases one (several instances may share the database: each batch is worked on by
/// one at a time), then matches chunk after chunk on every core while the previous chunk is written by
/// <see cref="BatchStore.WriteChunkAsync"/> in one transaction. The pipeline holds at most one matched chunk waiting,
/// so a crash or kill loses at most the chunks in flight, which are redone on the next start (or by the instance that
/// takes the lease over): no form lost, none written twice.
/// </summary>
internal sealed class BatchProcessor(
    BatchStore store,
    RegistryStore registry,
    Reconciler reconciler,
    BatchSignal signal,
    IOptions<BatchOptions> options,
    TimeProvider time,
    ILogger<BatchProcessor> logger) : BackgroundService
{
    private readonly HashSet<string> _seen = [];
    private string? _modelBatchId;

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
                if (batchId is not null)
                {
                    // Stopping: give the batch up so another instance need not wait for the lease to lapse.
                    await store.ReleaseLeaseAsync(batchId, Worker, CancellationToken.None);
                }
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

    /// <summary>Works on the batch until it is done, cancelled, or its lease is lost.</summary>
    private async Task RunAsync(LeasedBatch leased, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = KeepLeaseAsync(leased.BatchId, stop);
        try
        {
            // Another instance may have imported records this one has not loaded yet.
            await registry.RefreshIndexAsync(stop.Token);
            await TrainForAsync(leased.BatchId, stop.Token);
            var chunks = Channel.CreateBounded<MatchedChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            var matching = Task.Run(() => MatchAsync(leased, chunks.Writer, stop.Token), stop.Token);
            try
            {
                await WriteAsync(leased, chunks.Reader, stop);
            }
            finally
            {
                await stop.CancelAsync();
                await Task.WhenAll(matching.ContinueWith(_ => { }, TaskScheduler.Default));
            }
            if (matching.IsFaulted)
            {
                await matching;
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The lease was lost, or the batch was cancelled or finished: nothing more to do on it here.
        }
        finally
        {
            await stop.CancelAsync();
            await renewal;
        }
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>Reads and matches chunk after chunk, one ahead of the writer at most.</summary>
    private async Task MatchAsync(LeasedBatch leased, ChannelWriter<MatchedChunk> chunks, CancellationToken cancellationToken)
    {
        try
        {
            var after = leased.ProcessedThrough;
            while (true)
            {
                var started = time.GetTimestamp();
                var forms = await store.PendingFormsAsync(leased.BatchId, after, options.Value.ChunkSize, cancellationToken);
                var read = time.GetElapsedTime(started);
                // The engine is pure CPU work and thread-safe: match the chunk on every core, outside any transaction.
                var results = new Core.Matching.Reconciliation[forms.Count];
                Parallel.For(0, forms.Count, new ParallelOptions { CancellationToken = cancellationToken },
                    i => results[i] = reconciler.Reconcile(forms[i].Form));
                var rows = store.PrepareChunk(leased.BatchId, forms, results);
                Log.ChunkMatched(logger, leased.BatchId, forms.Count, (long)read.TotalMilliseconds, (long)(time.GetElapsedTime(started) - read).TotalMilliseconds);
                await chunks.WriteAsync(new MatchedChunk(after, rows), cancellationToken);
                if (forms.Count == 0)
                {
                    return;
                }
                after = forms[^1].Position;
                if (options.Value.PauseBetweenChunks > TimeSpan.Zero)
                {
                    await Task.Delay(options.Value.PauseBetweenChunks, time, cancellationToken);
                }
            }
        }
        finally
        {
            chunks.TryComplete();
        }
    }

    /// <summary>Writes the matched chunks in order; stops the pipeline when the batch is done or no longer this worker's.</summary>
    private async Task WriteAsync(LeasedBatch leased, ChannelReader<MatchedChunk> chunks, CancellationTokenSource stop)
    {
        var batchId = leased.BatchId;
        await foreach (var chunk in chunks.ReadAllAsync(stop.Token))
        {
            var started = time.GetTimestamp();
            var written = await store.WriteChunkAsync(batchId, Worker, chunk.After, chunk.Rows, stop.Token);
            if (!written.Written)
            {
                Log.ChunkNotWritten(logger, batchId);
                return;
            }
            if (_seen.Add(batchId) && written.ProcessedBefore > 0)
            {
                Log.BatchResumed(logger, batchId, written.ProcessedBefore, written.FormCount);
            }
            Log.ChunkWritten(logger, batchId, chunk.Rows.Forms.Count, written.Processed, written.FormCount, (long)time.GetElapsedTime(started).TotalMilliseconds);
            if (written.Finished)
            {
                Log.BatchSucceeded(logger, batchId, written.FormCount);
                return;
            }
        }
    }

    /// <summary>Renews the lease every third of its duration; cancels the work when it is lost.</summary>
    private async Task KeepLeaseAsync(string batchId, CancellationTokenSource stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(Worker.LeaseDuration / 3, time, stop.Token);
                if (!await store.RenewLeaseAsync(batchId, Worker, stop.Token))
                {
                    Log.LeaseLost(logger, batchId);
                    await stop.CancelAsync();
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

    /// <summary>Fits the model to this batch (its first forms, in order) unless it already is.</summary>
    private async Task TrainForAsync(string batchId, CancellationToken cancellationToken)
    {
        if (!options.Value.TrainOnBatch || _modelBatchId == batchId)
        {
            return;
        }
        var sample = await store.TrainingSampleAsync(batchId, options.Value.TrainingSample, cancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        reconciler.Train(sample, cancellationToken);
        _modelBatchId = batchId;
        Log.ModelTrained(logger, batchId, sample.Count, watch.ElapsedMilliseconds);
    }

    /// <summary>A chunk matched, its rows composed, waiting to be written after the form row id <see cref="After"/>.</summary>
    private sealed record MatchedChunk(long After, ChunkRows Rows);
}
