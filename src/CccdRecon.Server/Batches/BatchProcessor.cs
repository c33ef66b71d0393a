using CccdRecon.Core.Matching;
using CccdRecon.Data;
using CccdRecon.Data.Entities;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Intake;
using CccdRecon.Server.Mapping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Batches;

/// <summary>
/// Works through running batches chunk by chunk. A chunk's results, review cases, clean records, the forms'
/// processed flags and the batch counters are written in one transaction, so a crash or kill at any point
/// loses at most the chunk in flight, which is redone on the next start: no form lost, none counted twice.
/// </summary>
internal sealed class BatchProcessor(
    IDbContextFactory<ReconDbContext> dbFactory,
    Reconciler reconciler,
    RegistryIndex index,
    BatchSignal signal,
    IOptions<BatchOptions> options,
    TimeProvider time,
    ILogger<BatchProcessor> logger) : BackgroundService
{
    private readonly HashSet<string> _seen = [];
    private string? _modelBatchId;
    private Reconciler? _batchReconciler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            string? batchId = null;
            try
            {
                batchId = await NextRunningBatchAsync(stoppingToken);
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

    private async Task<string?> NextRunningBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Batches.AsNoTracking().Where(b => b.State == BatchRunState.Running)
            .OrderBy(b => b.Id).Select(b => b.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Fits the model to this batch (its first forms, in order) unless it already is.</summary>
    private async Task TrainForAsync(ReconDbContext db, string batchId, CancellationToken cancellationToken)
    {
        if (!options.Value.TrainOnBatch || _modelBatchId == batchId)
        {
            return;
        }
        var sample = await db.BatchForms.AsNoTracking().Where(f => f.BatchId == batchId)
            .OrderBy(f => f.Id).Take(options.Value.TrainingSample).ToListAsync(cancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var model = ModelTrainer.Train(index, sample.Select(f => f.ToDomain()), reconciler.Options, time, cancellationToken);
        _batchReconciler = reconciler.WithModel(model);
        _modelBatchId = batchId;
        Log.ModelTrained(logger, batchId, sample.Count, watch.ElapsedMilliseconds);
    }

    private async Task ProcessChunkAsync(string batchId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await TrainForAsync(db, batchId, cancellationToken);
        var forms = await db.BatchForms.Where(f => f.BatchId == batchId && !f.Processed)
            .OrderBy(f => f.Id).Take(options.Value.ChunkSize).ToListAsync(cancellationToken);

        // The engine is pure CPU work: do it before the transaction so the write lock is held only for the writes.
        var now = time.GetUtcNow();
        var results = new List<BatchResultRow>(forms.Count);
        var cases = new List<ReviewCaseRow>();
        var cleans = new List<CleanRecordRow>();
        // The engine is thread-safe: match the chunk on every core, then compose the rows in form order.
        var surveys = forms.Select(f => f.ToDomain()).ToArray();
        var outcomes = new CccdRecon.Core.Matching.Reconciliation[surveys.Length];
        Parallel.For(0, surveys.Length, new ParallelOptions { CancellationToken = cancellationToken },
            i => outcomes[i] = (_modelBatchId == batchId ? _batchReconciler! : reconciler).Reconcile(surveys[i]));
        for (var i = 0; i < forms.Count; i++)
        {
            var (survey, result) = (surveys[i], outcomes[i]);
            var row = result.ToRow(batchId, forms[i].Id);
            results.Add(row);
            var record = result.RecordId is { } id ? index.Get(id) : null;
            if (result.Status == MatchStatus.Clean && record is not null)
            {
                cleans.Add(CleanRecords.FromMatch(batchId, survey, record, now));
            }
            else if (result.Status == MatchStatus.Review && record is not null)
            {
                cases.Add(new ReviewCaseRow { Result = row, BatchId = batchId, FormId = forms[i].FormId, State = ReviewCaseState.Open, CreatedAt = now });
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.Batches.FirstAsync(b => b.Id == batchId, cancellationToken);
        if (batch.State != BatchRunState.Running)
        {
            return; // Cancelled meanwhile: write nothing.
        }
        if (_seen.Add(batchId) && batch.ProcessedCount > 0)
        {
            Log.BatchResumed(logger, batchId, batch.ProcessedCount, batch.FormCount);
        }
        foreach (var form in forms)
        {
            form.Processed = true;
        }
        db.BatchResults.AddRange(results);
        db.ReviewCases.AddRange(cases);
        db.CleanRecords.AddRange(cleans);
        batch.ProcessedCount += forms.Count;
        batch.CleanCount += results.Count(r => r.Status == (int)MatchStatus.Clean);
        batch.ReviewCount += results.Count(r => r.Status == (int)MatchStatus.Review);
        batch.NoMatchCount += results.Count(r => r.Status == (int)MatchStatus.NoMatch);
        batch.AmbiguousCount += results.Count(r => r.Status == (int)MatchStatus.Ambiguous);
        var lastId = forms.Count > 0 ? forms[^1].Id : 0;
        var finished = forms.Count < options.Value.ChunkSize
            || !await db.BatchForms.AnyAsync(f => f.BatchId == batchId && !f.Processed && f.Id > lastId, cancellationToken);
        if (finished)
        {
            batch.State = BatchRunState.Succeeded;
            batch.CompletedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        Log.ChunkWritten(logger, batchId, forms.Count, batch.ProcessedCount, batch.FormCount);
        if (finished)
        {
            Log.BatchSucceeded(logger, batchId, batch.FormCount);
        }
    }
}
