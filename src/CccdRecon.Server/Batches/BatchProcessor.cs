using CccdRecon.Core.Matching;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Health;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Telemetry;
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
    IChunkReconciler chunks,
    BatchSignal signal,
    DatabaseState database,
    IOptions<BatchOptions> options,
    ReconTelemetry telemetry,
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
                    telemetry.BatchQueue(0);
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
            catch (Exception) when (database.IsLost)
            {
                // Nothing can be written any more (the loss is logged once): idle until the server is stopped.
                await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
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
            if (options.Value.TrainOnBatch && chunks.CanTrain)
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

    /// <summary>
    /// One chunk. A stop (SIGTERM) during training or before the chunk is read abandons nothing: training is redone on the
    /// next start. Once read, the chunk is finished even when the stop comes meanwhile — matching takes a moment and the
    /// write is one transaction — so a graceful stop redoes no work; only the host's shutdown timeout cuts it short, and
    /// then the uncommitted chunk is redone on the next start, as after a crash.
    /// </summary>
    private async Task ProcessChunkAsync(string batchId, CancellationToken stoppingToken)
    {
        var batchReconciler = await ReconcilerForAsync(batchId, stoppingToken);
        var forms = await store.PendingFormsAsync(batchId, options.Value.ChunkSize, stoppingToken);
        Log.MatchingChunk(logger, batchId, forms.Count);
        // The span and the metrics carry the batch id and counts only.
        using var span = ReconTelemetry.Source.StartActivity("batch.chunk");
        span?.SetTag("cccdrecon.batch.id", batchId);
        span?.SetTag("cccdrecon.batch.chunk.forms", forms.Count);
        var started = time.GetTimestamp();

        // Matched outside any transaction (on every core, or through the cluster: IChunkReconciler). Once read, the chunk is
        // finished even when a stop comes meanwhile (see above).
        var results = await chunks.ReconcileAsync(batchReconciler, forms.Select(f => f.Form).ToList(), CancellationToken.None);

        var written = await store.WriteChunkAsync(batchId, forms, results, CancellationToken.None);
        if (!written.Written)
        {
            span?.SetTag("cccdrecon.batch.chunk.written", false);
            return; // Cancelled meanwhile: nothing was written.
        }
        telemetry.FormsMatched.Add(forms.Count);
        telemetry.ChunkDuration.Record(time.GetElapsedTime(started).TotalSeconds);
        telemetry.BatchQueue(written.FormCount - written.Processed);
        span?.SetTag("cccdrecon.batch.chunk.written", true);
        span?.SetTag("cccdrecon.batch.processed", written.Processed);
        if (stoppingToken.IsCancellationRequested)
        {
            Log.StoppedAfterChunk(logger, batchId, written.Processed, written.FormCount);
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
