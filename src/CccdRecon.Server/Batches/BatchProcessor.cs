using CccdRecon.Core.Matching;
using CccdRecon.Data.Batches;
using CccdRecon.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CccdRecon.Server.Batches;

/// <summary>
/// Works through running batches chunk by chunk: takes a chunk of pending forms, matches it on every core, and has
/// <see cref="BatchStore.WriteChunkAsync"/> write it in one transaction, so a crash or kill at any point loses at most
/// the chunk in flight, which is redone on the next start: no form lost, none counted twice.
/// </summary>
internal sealed class BatchProcessor(
    BatchStore store,
    Reconciler reconciler,
    BatchSignal signal,
    IOptions<BatchOptions> options,
    TimeProvider time,
    ILogger<BatchProcessor> logger) : BackgroundService
{
    private readonly HashSet<string> _seen = [];
    private (string BatchId, Reconciler Reconciler)? _batch;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            string? batchId = null;
            try
            {
                batchId = await store.NextRunningBatchAsync(stoppingToken);
                if (batchId is null)
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                    continue;
                }
                await ProcessChunkAsync(batchId, stoppingToken);
                failures = 0;
                if (options.Value.PauseBetweenChunks > TimeSpan.Zero)
                {
                    await Task.Delay(options.Value.PauseBetweenChunks, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database hiccup must not kill the processor: back off and retry the same chunk.
                var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 500 * (1 << Math.Min(failures++, 6))));
                Log.ProcessorFailed(logger, ex, batchId ?? "-", (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    /// <summary>
    /// The reconciler of this batch: under the model stored with the batch, or — on its first chunk — a model trained on
    /// its first forms (<see cref="BatchOptions.TrainOnBatch"/>) or else the online one, which is then stored with it.
    /// A resumed batch, or one moved to another server, is matched with the model it started with.
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
            if (options.Value.TrainOnBatch)
            {
                var sample = await store.TrainingSampleAsync(batchId, options.Value.TrainingSample, cancellationToken);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                model = ModelTrainer.Train(reconciler.Index, sample, reconciler.Options, time, cancellationToken);
                Log.ModelTrained(logger, batchId, sample.Count, model.Version, watch.ElapsedMilliseconds);
            }
            stored = await store.KeepModelAsync(batchId, model.Version, ModelFile.ToJson(model), cancellationToken);
        }
        var batchReconciler = reconciler.WithModel(ModelFile.FromJson(stored));
        Log.BatchModel(logger, batchId, batchReconciler.Model.Version);
        _batch = (batchId, batchReconciler);
        return batchReconciler;
    }

    private async Task ProcessChunkAsync(string batchId, CancellationToken cancellationToken)
    {
        var batchReconciler = await ReconcilerForAsync(batchId, cancellationToken);
        var forms = await store.PendingFormsAsync(batchId, options.Value.ChunkSize, cancellationToken);

        // The engine is pure CPU work and thread-safe: match the chunk on every core, outside any transaction.
        var results = new Core.Matching.Reconciliation[forms.Count];
        Parallel.For(0, forms.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => results[i] = batchReconciler.Reconcile(forms[i].Form));

        var written = await store.WriteChunkAsync(batchId, forms, results, cancellationToken);
        if (!written.Written)
        {
            return; // Cancelled meanwhile: nothing was written.
        }
        if (_seen.Add(batchId) && written.ProcessedBefore > 0)
        {
            Log.BatchResumed(logger, batchId, written.ProcessedBefore, written.FormCount);
        }
        Log.ChunkWritten(logger, batchId, forms.Count, written.Processed, written.FormCount);
        if (written.Finished)
        {
            Log.BatchSucceeded(logger, batchId, written.FormCount);
        }
    }
}
