using CccdRecon.Core.Matching;
using CccdRecon.Core.Places;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Forms;
using CccdRecon.Data.Intake;
using CccdRecon.Data.Paging;
using CccdRecon.Data.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CccdRecon.Data.Batches;

/// <summary>
/// The batch lifecycle (đợt đối soát) on the database: create, add forms, start, cancel, read, and the processor's
/// chunks. A chunk's results, review cases, clean records, the forms' processed flags and the batch counters are written
/// in one transaction, so a crash or kill loses at most the chunk in flight: no form lost, none counted twice.
/// </summary>
public sealed class BatchStore(
    IDbContextFactory<ReconDbContext> dbFactory,
    RegistryIndex index,
    BatchSignal signal,
    IOptions<StoreLimits> limits,
    AuditTrail audit,
    TimeProvider time,
    ILogger<BatchStore> logger)
{
    private const int MaxIdLength = 64;

    public async Task<BatchRun> CreateAsync(NewBatch batch, Caller caller, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value).MaxLength("display_name", batch.DisplayName).MaxLength("forms_hash", batch.FormsHash);
        if (!UnitCodes.IsValid(batch.Unit))
        {
            check.Add("unit", "must be " + UnitCodes.Rule);
        }
        check.ThrowIfInvalid();
        var now = time.GetUtcNow();
        var row = new BatchRow
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            DisplayName = batch.DisplayName,
            FormsHash = batch.FormsHash,
            Unit = batch.Unit,
            State = BatchRunState.Open,
            CreatedAt = now,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Batches.Add(row);
        audit.Add(db, caller, AuditActions.CreateBatch, [AuditTarget.Batch(row.Id)]);
        await db.SaveChangesAsync(cancellationToken);
        return BatchRun.Of(row);
    }

    public async Task<BatchRun> GetAsync(string? batchId, CancellationToken cancellationToken)
    {
        RequireId(batchId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken)
            ?? throw new NotFoundException("batch", batchId!);
        return BatchRun.Of(row);
    }

    /// <summary>
    /// Adds one message's forms in one transaction; a form_id the batch already has is counted as a duplicate, a form
    /// that breaks <see cref="FormRules"/> is refused and reported. The first call names the batch; later calls may
    /// repeat its id or leave it empty.
    /// </summary>
    /// <exception cref="ConflictException">Another upload added one of these form_ids at the same moment: nothing of this call was kept; resend it.</exception>
    public async Task AddFormsAsync(FormUpload upload, string? batchId, IReadOnlyList<SurveyForm> forms, Caller caller, CancellationToken cancellationToken)
    {
        var max = limits.Value;
        if (upload.BatchId is null)
        {
            RequireId(batchId);
            upload.BatchId = batchId;
        }
        else if (!string.IsNullOrEmpty(batchId) && batchId != upload.BatchId)
        {
            throw new InvalidInputException("batch_id", "must be the same in every message of the stream");
        }
        if (forms.Count > max.MaxItemsPerMessage)
        {
            throw new InvalidInputException("forms", $"at most {max.MaxItemsPerMessage} forms per message");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Batches.FirstOrDefaultAsync(b => b.Id == upload.BatchId, cancellationToken)
            ?? throw new NotFoundException("batch", upload.BatchId!);
        if (batch.State != BatchRunState.Open)
        {
            throw new PreconditionFailedException("BATCH_NOT_OPEN", "forms can only be added before the batch starts");
        }

        var fresh = new Dictionary<string, BatchFormRow>(StringComparer.Ordinal);
        long rejected = 0, duplicates = 0;
        var rejections = new List<ItemRejection>();
        for (var i = 0; i < forms.Count; i++)
        {
            var form = forms[i];
            var position = upload.Position + i;
            var check = FormRules.Check(form, max, $"forms[{i}].");
            if (!check.IsValid)
            {
                rejected++;
                rejections.Add(new ItemRejection(position, FormRules.KeyOf(form), check.Violations));
                continue;
            }
            if (!fresh.TryAdd(form.FormId, BatchFormRow.Of(form, batch.Id)))
            {
                duplicates++;
            }
        }
        if (fresh.Count > 0)
        {
            var ids = fresh.Keys.ToList();
            var known = await db.BatchForms.Where(f => f.BatchId == batch.Id && ids.Contains(f.FormId)).Select(f => f.FormId).ToListAsync(cancellationToken);
            foreach (var id in known)
            {
                fresh.Remove(id);
                duplicates++;
            }
            if (batch.FormCount + fresh.Count > max.MaxFormsPerBatch)
            {
                throw new LimitExceededException("BATCH_TOO_LARGE", "Limits:MaxFormsPerBatch", $"a batch holds at most {max.MaxFormsPerBatch} forms");
            }
            db.BatchForms.AddRange(fresh.Values);
            batch.FormCount += fresh.Count;
        }
        // The forms and the received count are committed together: a resuming client can trust the count.
        batch.ReceivedCount += forms.Count;
        audit.Add(db, caller, AuditActions.AddForms, fresh.Keys.Select(AuditTarget.Form).Prepend(AuditTarget.Batch(batch.Id)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            Log.ConcurrentAdd(logger, batch.Id);
            throw new ConflictException(ConflictException.ConcurrentAdd, "forms were added to this batch concurrently; resend this message");
        }
        // Counted only once committed: a refused message leaves the tally as it was.
        upload.Position += forms.Count;
        upload.Rejected += rejected;
        upload.Rejections.AddRange(rejections.Take(Math.Max(0, max.MaxReportedErrors - upload.Rejections.Count)));
        upload.Duplicates += duplicates;
        upload.Added += fresh.Count;
        upload.Batch = BatchRun.Of(batch);
    }

    /// <summary>The batch the upload went to, as it is now.</summary>
    /// <exception cref="InvalidInputException">The upload named no batch (no message at all).</exception>
    public async Task<BatchRun> FinishUploadAsync(FormUpload upload, CancellationToken cancellationToken)
    {
        if (upload.BatchId is null)
        {
            throw new InvalidInputException("batch_id", "is required");
        }
        return upload.Batch ?? await GetAsync(upload.BatchId, cancellationToken);
    }

    public async Task<BatchRun> StartAsync(string? batchId, Caller caller, CancellationToken cancellationToken)
    {
        RequireId(batchId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Batches.FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken) ?? throw new NotFoundException("batch", batchId!);
        switch (batch.State)
        {
            case BatchRunState.Running:
                return BatchRun.Of(batch);
            case BatchRunState.Open when batch.FormCount == 0:
                throw new PreconditionFailedException("BATCH_EMPTY", "the batch has no forms");
            case BatchRunState.Open:
                batch.State = BatchRunState.Running;
                batch.StartedAt = time.GetUtcNow();
                audit.Add(db, caller, AuditActions.StartBatch, [AuditTarget.Batch(batch.Id)]);
                await db.SaveChangesAsync(cancellationToken);
                Log.BatchStarted(logger, batch.Id, batch.FormCount);
                signal.Notify();
                return BatchRun.Of(batch);
            default:
                throw new PreconditionFailedException("BATCH_FINISHED", "the batch has already finished");
        }
    }

    public async Task<BatchRun> CancelAsync(string? batchId, Caller caller, CancellationToken cancellationToken)
    {
        RequireId(batchId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Batches.FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken) ?? throw new NotFoundException("batch", batchId!);
        if (batch.State is BatchRunState.Succeeded or BatchRunState.Cancelled)
        {
            throw new PreconditionFailedException("BATCH_FINISHED", "the batch has already finished");
        }
        batch.State = BatchRunState.Cancelled;
        batch.CompletedAt = time.GetUtcNow();
        // A chunk is written only if the batch is still running when it commits, so no result lands after this.
        audit.Add(db, caller, AuditActions.CancelBatch, [AuditTarget.Batch(batch.Id)]);
        await db.SaveChangesAsync(cancellationToken);
        Log.BatchCancelled(logger, batch.Id, batch.ProcessedCount);
        return BatchRun.Of(batch);
    }

    public async Task<Page<BatchRun>> ListAsync(BatchQuery query, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value);
        var filter = $"batches|{query.FormsHash}";
        var size = check.Page(query.Page, filter, out string? after);
        check.ThrowIfInvalid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batches = db.Batches.AsNoTracking();
        if (!string.IsNullOrEmpty(query.FormsHash))
        {
            batches = batches.Where(b => b.FormsHash == query.FormsHash);
        }
        return (await batches.PageByStringDescendingAsync(b => b.Id, after, size, filter, cancellationToken)).Select(BatchRun.Of);
    }

    /// <summary>A batch's results in form order; the audit event names every form listed.</summary>
    public async Task<Page<Reconciliation>> ListResultsAsync(ResultQuery query, Caller caller, CancellationToken cancellationToken)
    {
        RequireId(query.BatchId);
        var check = new Validator(limits.Value);
        var filter = $"results|{query.BatchId}|{query.Status?.ToString() ?? ""}";
        var size = check.Page(query.Page, filter, out long? after);
        if (query.Status is { } wanted && !Enum.IsDefined(wanted))
        {
            check.Add("status", "is not a known status");
        }
        check.ThrowIfInvalid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Batches.AnyAsync(b => b.Id == query.BatchId, cancellationToken))
        {
            throw new NotFoundException("batch", query.BatchId);
        }
        var results = db.BatchResults.AsNoTracking().Include(r => r.Discrepancies).Where(r => r.BatchId == query.BatchId);
        if (query.Status is { } status)
        {
            results = results.Where(r => r.Status == status);
        }
        var page = await results.PageByIdAsync(r => r.Id, after, size, filter, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ListResults, page.Items.Select(r => AuditTarget.Form(r.FormId)).Prepend(AuditTarget.Batch(query.BatchId)), cancellationToken);
        return page.Select(r => r.ToReconciliation());
    }

    /// <summary>The oldest running batch, which the processor works on next, or null.</summary>
    public async Task<string?> NextRunningBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Batches.AsNoTracking().Where(b => b.State == BatchRunState.Running)
            .OrderBy(b => b.Id).Select(b => b.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The batch's first forms, in order: the same sample after a restart, so a resumed batch gets the same model.</summary>
    public async Task<IReadOnlyList<SurveyForm>> TrainingSampleAsync(string batchId, int size, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.BatchForms.AsNoTracking().Where(f => f.BatchId == batchId)
            .OrderBy(f => f.Id).Take(size).ToListAsync(cancellationToken);
        return rows.Select(f => f.ToForm()).ToList();
    }

    /// <summary>The model the batch is matched with (its model.json), or null before its first chunk.</summary>
    public async Task<string?> ModelOfAsync(string batchId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Batches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.ModelJson).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Records the model a batch is matched with, unless it already has one: the batch keeps its first model for good.
    /// Returns the model.json the batch holds afterwards (the one given, or the one recorded before).
    /// </summary>
    public async Task<string> KeepModelAsync(string batchId, string version, string modelJson, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Batches.FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken)
            ?? throw new NotFoundException("batch", batchId);
        if (batch.ModelJson is { } kept)
        {
            return kept;
        }
        (batch.ModelVersion, batch.ModelJson) = (version, modelJson);
        await db.SaveChangesAsync(cancellationToken);
        return modelJson;
    }

    /// <summary>The next forms of the batch not matched yet, in order.</summary>
    public async Task<IReadOnlyList<PendingForm>> PendingFormsAsync(string batchId, int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.BatchForms.AsNoTracking().Where(f => f.BatchId == batchId && !f.Processed)
            .OrderBy(f => f.Id).Take(count).ToListAsync(cancellationToken);
        return rows.Select(f => new PendingForm(f.Id, f.ToForm())).ToList();
    }

    /// <summary>
    /// Writes a chunk's outcomes (results[i] is forms[i]'s) in one transaction: results, a review case for each result
    /// that needs a person (fields to decide, several possible records, none) with the queue's counters, a clean record
    /// for each clean match, the forms marked processed, the batch counters, and the batch's success when no form is
    /// left. Writes nothing if the batch is no longer running (cancelled meanwhile).
    /// </summary>
    public async Task<ChunkWritten> WriteChunkAsync(string batchId, IReadOnlyList<PendingForm> forms, IReadOnlyList<Reconciliation> results,
        CancellationToken cancellationToken)
    {
        if (forms.Count != results.Count)
        {
            throw new ArgumentException("one result per form", nameof(results));
        }
        // Composed before the transaction so the write lock is held only for the writes.
        var now = time.GetUtcNow();
        var rows = new List<BatchResultRow>(forms.Count);
        var cases = new List<(ReviewCaseRow Case, Reconciliation Result)>();
        var cleans = new List<CleanRecordRow>();
        for (var i = 0; i < forms.Count; i++)
        {
            var (form, result) = (forms[i].Form, results[i]);
            var row = BatchResultRow.Of(result, batchId, forms[i].Position);
            rows.Add(row);
            var record = result.RecordId is { } id ? index.Get(id) : null;
            if (result.Status == MatchStatus.Clean && record is not null)
            {
                cleans.Add(CleanRecords.FromMatch(batchId, form, record, now));
            }
            else if (CaseKindOf(result.Status) is { } kind)
            {
                cases.Add((new ReviewCaseRow
                {
                    Result = row, BatchId = batchId, FormId = form.FormId, Kind = kind, State = ReviewCaseState.Open, CreatedAt = now,
                    SortKey = ReviewStore.SortKeyOf(form.FullName),
                    Flags = CaseFlags.Format(result.Discrepancies.Select(d => (d.Field, d.Kind))),
                    // An ambiguous case links no record until a reviewer chooses (or confirms the best candidate).
                    RecordId = kind == CaseKind.Differences ? result.RecordId : null,
                }, result));
            }
        }

        return await dbFactory.InTransactionAsync(async db =>
        {
            var batch = await db.Batches.FirstAsync(b => b.Id == batchId, cancellationToken);
            if (batch.State != BatchRunState.Running)
            {
                return ChunkWritten.Nothing;
            }
            var processedBefore = batch.ProcessedCount;
            var positions = forms.Select(f => f.Position).ToList();
            await db.BatchForms.Where(f => f.BatchId == batchId && positions.Contains(f.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.Processed, true), cancellationToken);
            db.BatchResults.AddRange(rows);
            var tallies = new CaseTallies();
            var resolvedCounters = new List<TallyKey>();
            foreach (var (reviewCase, result) in cases)
            {
                reviewCase.Unit = batch.Unit;
                var keys = CaseTallies.KeysOf(batchId, reviewCase.Kind, ReviewCaseState.Open, result.Discrepancies.Select(d => (d.Field, d.Kind))).ToList();
                tallies.Add(keys, +1);
                // Their resolved twins exist from the start, so reviewers only ever increment counters.
                resolvedCounters.AddRange(keys.Select(k => k with { State = ReviewCaseState.Resolved }));
                db.ReviewCases.Add(reviewCase);
            }
            await tallies.ApplyAsync(db, cancellationToken, resolvedCounters);
            db.CleanRecords.AddRange(cleans);
            batch.ProcessedCount += forms.Count;
            batch.CleanCount += rows.Count(r => r.Status == MatchStatus.Clean);
            batch.ReviewCount += rows.Count(r => r.Status == MatchStatus.Review);
            batch.NoMatchCount += rows.Count(r => r.Status == MatchStatus.NoMatch);
            batch.AmbiguousCount += rows.Count(r => r.Status == MatchStatus.Ambiguous);
            var finished = !await db.BatchForms.AnyAsync(f => f.BatchId == batchId && !f.Processed, cancellationToken);
            if (finished)
            {
                batch.State = BatchRunState.Succeeded;
                batch.CompletedAt = now;
            }
            await db.SaveChangesAsync(cancellationToken);
            return new ChunkWritten(true, processedBefore, batch.ProcessedCount, batch.FormCount, finished);
        }, cancellationToken);
    }

    /// <summary>Which results need a person, and as what kind of case.</summary>
    public static CaseKind? CaseKindOf(MatchStatus status) => status switch
    {
        MatchStatus.Review => CaseKind.Differences,
        MatchStatus.Ambiguous => CaseKind.Ambiguous,
        MatchStatus.NoMatch => CaseKind.NoMatch,
        _ => null,
    };

    /// <summary>
    /// Runs a finished batch again (after registry imports or a new model): every form is matched anew except those a
    /// person has decided something on — a link confirmed, rejected or chosen, a field decided — whose result, case and
    /// clean record stay as they are, so a reviewer's decision is never silently undone or re-linked by the machine.
    /// </summary>
    public async Task<BatchRun> RerunAsync(string? batchId, Caller caller, CancellationToken cancellationToken)
    {
        RequireId(batchId);
        var (run, kept, pending) = await dbFactory.InTransactionAsync(async db =>
        {
            var batch = await db.Batches.FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken) ?? throw new NotFoundException("batch", batchId!);
            if (batch.State is not (BatchRunState.Succeeded or BatchRunState.Cancelled))
            {
                throw new PreconditionFailedException("BATCH_NOT_FINISHED", "only a finished batch can be run again");
            }
            var decided = db.ReviewCases.Where(c => c.BatchId == batchId && (c.Decisions.Any() || c.LinkDecisions.Any())).Select(c => c.FormId);
            var kept = await decided.LongCountAsync(cancellationToken);
            await db.CleanRecords.Where(r => r.BatchId == batchId && !decided.Contains(r.FormId)).ExecuteDeleteAsync(cancellationToken);
            await db.ReviewCases.Where(c => c.BatchId == batchId && !decided.Contains(c.FormId)).ExecuteDeleteAsync(cancellationToken);
            await db.BatchResults.Where(r => r.BatchId == batchId && !decided.Contains(r.FormId)).ExecuteDeleteAsync(cancellationToken);
            var pending = await db.BatchForms.Where(f => f.BatchId == batchId && !decided.Contains(f.FormId))
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.Processed, false), cancellationToken);
            var counts = await db.BatchResults.Where(r => r.BatchId == batchId).GroupBy(r => r.Status)
                .Select(g => new { Status = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
            long Count(MatchStatus status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
            batch.ProcessedCount = counts.Sum(c => c.Count);
            batch.CleanCount = Count(MatchStatus.Clean);
            batch.ReviewCount = Count(MatchStatus.Review);
            batch.NoMatchCount = Count(MatchStatus.NoMatch);
            batch.AmbiguousCount = Count(MatchStatus.Ambiguous);
            batch.State = pending > 0 ? BatchRunState.Running : BatchRunState.Succeeded;
            batch.StartedAt = time.GetUtcNow();
            batch.CompletedAt = pending > 0 ? null : batch.StartedAt;
            audit.Add(db, caller, AuditActions.RerunBatch, [AuditTarget.Batch(batch.Id)]);
            await db.SaveChangesAsync(cancellationToken);
            await CaseTallies.RebuildAsync(db, batch.Id, cancellationToken);
            return (BatchRun.Of(batch), kept, (long)pending);
        }, cancellationToken);
        Log.BatchRerun(logger, run.Id, kept, pending);
        signal.Notify();
        return run;
    }

    private static void RequireId(string? batchId)
    {
        if (string.IsNullOrWhiteSpace(batchId))
        {
            throw new InvalidInputException("batch_id", "is required");
        }
        if (batchId.Length > MaxIdLength)
        {
            throw new InvalidInputException("batch_id", $"must be at most {MaxIdLength} characters");
        }
    }
}
