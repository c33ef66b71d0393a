using CccdRecon.Core.Matching;
using CccdRecon.Core.Places;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Bulk;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Forms;
using CccdRecon.Data.Intake;
using CccdRecon.Data.Paging;
using CccdRecon.Data.Registry;
using CccdRecon.Data.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CccdRecon.Data.Batches;

/// <summary>
/// The batch lifecycle (đợt đối soát) on the database: create, add forms, start, cancel, read, and the processor's
/// chunks. A chunk's results, review cases, case tallies, clean records, the batch's cursor and counters are written
/// in one transaction, committed in the batch's order, so a crash or kill loses at most the chunks in flight: no form
/// lost, none counted twice.
/// </summary>
public sealed class BatchStore(
    IDbContextFactory<ReconDbContext> dbFactory,
    RegistryLookup registry,
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
    /// Forms one call of <see cref="AddFormsAsync"/> (one transaction) takes at most. An upload stream gathers its
    /// messages up to this many before writing them (<c>BatchGrpcService</c>): one COPY (checked by the unique index), one
    /// counter update and one commit for many messages (on PostgreSQL each is a round trip), and a kill loses at most this many
    /// forms of an upload in flight — never one the client was told of (<c>received_count</c> commits with them).
    /// </summary>
    public const int FormsPerTransaction = 20_000;

    /// <summary>
    /// Checks one streamed message before its forms are gathered: the first names the batch, later ones may repeat its
    /// id or leave it empty; at most <c>Limits:MaxItemsPerMessage</c> forms.
    /// </summary>
    public void CheckMessage(FormUpload upload, string? batchId, int forms)
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
        if (forms > max.MaxItemsPerMessage)
        {
            throw new InvalidInputException("forms", $"at most {max.MaxItemsPerMessage} forms per message");
        }
    }

    /// <summary>Adds one message's forms (<see cref="CheckMessage"/>) in one transaction.</summary>
    /// <exception cref="ConflictException">Another upload added one of these form_ids at the same moment: nothing of this call was kept; resend it.</exception>
    public Task AddFormsAsync(FormUpload upload, string? batchId, IReadOnlyList<SurveyForm> forms, Caller caller, CancellationToken cancellationToken)
    {
        CheckMessage(upload, batchId, forms.Count);
        return AddFormsAsync(upload, [forms], caller, cancellationToken);
    }

    /// <summary>
    /// Adds the forms of one or several messages, each checked by <see cref="CheckMessage"/> (up to
    /// <see cref="FormsPerTransaction"/> forms, or one larger message), in one transaction; a form_id the batch already
    /// has, or an earlier form of the same call has, is counted as a duplicate, a form that breaks <see cref="FormRules"/>
    /// is refused and reported by its place in its message and in the stream.
    /// </summary>
    /// <exception cref="ConflictException">Another upload added one of these form_ids at the same moment: nothing of this call was kept; resend it.</exception>
    public async Task AddFormsAsync(FormUpload upload, IReadOnlyList<IReadOnlyList<SurveyForm>> messages, Caller caller, CancellationToken cancellationToken)
    {
        var max = limits.Value;
        if (upload.BatchId is null)
        {
            throw new InvalidInputException("batch_id", "is required");
        }
        var received = messages.Sum(m => m.Count);
        if (messages.Count > 1 && received > FormsPerTransaction)
        {
            throw new InvalidInputException("forms", $"at most {FormsPerTransaction} forms per call");
        }

        BatchRow batch;
        var fresh = new Dictionary<string, BatchFormRow>(StringComparer.Ordinal);
        long rejected = 0, duplicates = 0;
        var rejections = new List<ItemRejection>();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == upload.BatchId, cancellationToken)
                ?? throw new NotFoundException("batch", upload.BatchId!);
            if (batch.State != BatchRunState.Open)
            {
                throw new PreconditionFailedException("BATCH_NOT_OPEN", "forms can only be added before the batch starts");
            }
            var position = upload.Position;
            foreach (var forms in messages)
            {
                for (var i = 0; i < forms.Count; i++, position++)
                {
                    var form = forms[i];
                    var check = FormRules.Check(form, max, $"forms[{i}].", stored: true);
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
            }
        }
        // The (batch, form_id) unique index is the duplicate check of an upload's writes: a client sends each form once, so
        // a write is tried as it came and the batch's forms are looked up only when the index refuses it (a form sent
        // again, or added meanwhile by another upload), then written again without the stored ones. Looked up before
        // every write, the ids cost an index probe each on PostgreSQL (issue 13: 364,000 probes, ≈ 0.5 s of its CPU, at
        // 400,000 forms) to find, nearly always, none. A write that would pass the batch's limit looks up first, so
        // that forms sent again do not count against it.
        var lookedUp = false;
        while (true)
        {
            if (!lookedUp && batch.FormCount > 0 && batch.FormCount + fresh.Count > max.MaxFormsPerBatch)
            {
                duplicates += await DropKnownAsync(batch.Id, fresh, cancellationToken);
                lookedUp = true;
            }
            if (batch.FormCount + fresh.Count > max.MaxFormsPerBatch)
            {
                throw new LimitExceededException("BATCH_TOO_LARGE", "Limits:MaxFormsPerBatch", $"a batch holds at most {max.MaxFormsPerBatch} forms");
            }
            try
            {
                batch = await WriteFormsAsync(batch.Id, fresh, received, caller, cancellationToken);
                break;
            }
            catch (Exception ex) when (DatabaseErrors.IsUniqueViolation(ex) && !lookedUp && batch.FormCount > 0)
            {
                // Read outside the write transaction: two uploads of the same forms at once may both see them as new,
                // and the one that commits second then breaks the unique key again and is told to resend.
                duplicates += await DropKnownAsync(batch.Id, fresh, cancellationToken);
                lookedUp = true;
            }
            catch (Exception ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                Log.ConcurrentAdd(logger, batch.Id);
                throw new ConflictException(ConflictException.ConcurrentAdd, "forms were added to this batch concurrently; resend this message");
            }
        }
        // Counted only once committed: a refused message leaves the tally as it was.
        upload.Position += received;
        upload.Rejected += rejected;
        upload.Rejections.AddRange(rejections.Take(Math.Max(0, max.MaxReportedErrors - upload.Rejections.Count)));
        upload.Duplicates += duplicates;
        upload.Added += fresh.Count;
        upload.Batch = BatchRun.Of(batch);
    }

    /// <summary>Removes from <paramref name="fresh"/> the form_ids the batch holds; how many it removed.</summary>
    private async Task<long> DropKnownAsync(string batchId, Dictionary<string, BatchFormRow> fresh, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var known = await KnownForms.OfAsync(db, batchId, [.. fresh.Keys], cancellationToken);
        foreach (var id in known)
        {
            fresh.Remove(id);
        }
        return known.Count;
    }

    /// <summary>Writes an upload's new forms, the batch's counts and the audit events in one transaction; the batch as committed.</summary>
    private Task<BatchRow> WriteFormsAsync(string batchId, Dictionary<string, BatchFormRow> fresh, long received, Caller caller, CancellationToken cancellationToken)
    {
        var rows = fresh.Values.ToList();
        return dbFactory.InTransactionAsync(async (db, token) =>
        {
            await BulkWriter.For(db.Database).InsertAsync(db, db.Table<BatchFormRow>(), rows, token);
            // The forms and the received count are committed together: a resuming client can trust the count. The
            // state is checked again here, under the row's lock: a batch started meanwhile takes no more forms.
            var updated = await db.Batches.Where(b => b.Id == batchId && b.State == BatchRunState.Open).ExecuteUpdateAsync(set => set
                .SetProperty(b => b.FormCount, b => b.FormCount + rows.Count)
                .SetProperty(b => b.ReceivedCount, b => b.ReceivedCount + received), token);
            if (updated == 0)
            {
                throw new PreconditionFailedException("BATCH_NOT_OPEN", "forms can only be added before the batch starts");
            }
            // One event per MaxTargetsPerEvent forms added; one naming only the batch when none was.
            foreach (var some in fresh.Keys.Chunk(AuditTrail.MaxTargetsPerEvent).DefaultIfEmpty([]))
            {
                audit.Add(db, caller, AuditActions.AddForms, some.Select(AuditTarget.Form).Prepend(AuditTarget.Batch(batchId)));
            }
            await db.SaveChangesAsync(token);
            return await db.Batches.AsNoTracking().FirstAsync(b => b.Id == batchId, token);
        }, cancellationToken);
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

    /// <summary>The tables an upload fills, whose statistics are refreshed when the batch starts.</summary>
    private static readonly Type[] FilledByUpload = [typeof(BatchFormRow)];

    /// <summary>The tables a batch's chunks fill, whose statistics are refreshed with its last chunk.</summary>
    private static readonly Type[] FilledByMatching = [typeof(BatchResultRow), typeof(DiscrepancyRow), typeof(CleanRecordRow), typeof(ReviewCaseRow)];

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
                // Matching reads the uploaded forms 2,000 at a time by row id: planned on the forms as they are now.
                await BulkWriter.For(db.Database).RefreshStatisticsAsync(db, FilledByUpload, cancellationToken);
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
        var now = time.GetUtcNow();
        var batch = await dbFactory.InTransactionAsync(async (db, token) =>
        {
            // One conditional update: a chunk being written commits before it or not at all (chunks are written only
            // while the batch runs), so the counters read back are final.
            var cancelled = await db.Batches.Where(b => b.Id == batchId && (b.State == BatchRunState.Open || b.State == BatchRunState.Running))
                .ExecuteUpdateAsync(set => set.SetProperty(b => b.State, BatchRunState.Cancelled).SetProperty(b => b.CompletedAt, now)
                    .SetProperty(b => b.LeaseOwner, (string?)null).SetProperty(b => b.LeaseExpiresAt, (DateTimeOffset?)null), token);
            var row = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, token) ?? throw new NotFoundException("batch", batchId!);
            if (cancelled == 0)
            {
                throw new PreconditionFailedException("BATCH_FINISHED", "the batch has already finished");
            }
            audit.Add(db, caller, AuditActions.CancelBatch, [AuditTarget.Batch(row.Id)]);
            await db.SaveChangesAsync(token);
            return row;
        }, cancellationToken);
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
        var results = ResultsOf(db, query.BatchId!, query.Status);
        if (!query.WithExplanations)
        {
            // The explanation is most of a stored result: left in the database when not wanted.
            results = results.Select(r => new BatchResultRow
            {
                Id = r.Id, BatchId = r.BatchId, FormId = r.FormId, FormRowId = r.FormRowId, Status = r.Status, RecordId = r.RecordId,
                Score = r.Score, NormalizationsJson = r.NormalizationsJson, ExplanationJson = "",
            });
        }
        // Paged by the form's row id (a result's id since issue 13): the (batch, form) and (batch, status, form) indexes
        // serve each page as a range, so page 1,000 costs what page 1 does (a clean page reads ≈ 1.4 entries a result).
        var page = await results.PageByIdAsync(r => r.FormRowId, after, size, filter, cancellationToken);
        // A result is only written for a batch that exists and a batch is never deleted: only an empty page can be
        // of an unknown batch, so only that one asks (a download of 400,000 forms saved 385 statements).
        if (page.Items.Count == 0)
        {
            await RequireBatchAsync(db, query.BatchId, cancellationToken);
        }
        await AttachDiscrepanciesAsync(db, page.Items, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ListResults, page.Items.Select(r => AuditTarget.Form(r.FormId)).Prepend(AuditTarget.Batch(query.BatchId)), cancellationToken);
        return page.Select(r => r.ToReconciliation());
    }

    /// <summary>
    /// A batch's results, of one status when given. The status index holds only results that are not clean: a listing of
    /// another status names the index's filter word for word (a literal <c>Status &lt;&gt; 0</c>), since SQLite uses a
    /// partial index only for a query whose WHERE holds its filter's terms (PostgreSQL would infer it from the status).
    /// Clean results are read through the (batch, form row) index, most of whose entries they are.
    /// </summary>
    internal static IQueryable<BatchResultRow> ResultsOf(ReconDbContext db, string batchId, MatchStatus? status)
    {
        var results = db.BatchResults.AsNoTracking().Where(r => r.BatchId == batchId);
        return status switch
        {
            null => results,
            MatchStatus.Clean => results.Where(r => r.Status == MatchStatus.Clean),
            { } wanted => results.Where(r => r.Status != MatchStatus.Clean && r.Status == wanted),
        };
    }

    /// <summary>
    /// Loads the page's discrepancies by one range of result ids (a page's results have consecutive ids: a result's id is
    /// its form's row id), answered by the (result, field, kind) index; rows of results not on the page (another batch's
    /// or another status's in the same range) are left out. Joined in the page's query instead, PostgreSQL planned the
    /// join as a hash of every discrepancy in the database, read again for every page (a 400,000-form download: 487 pages
    /// × 117,400 rows, ≈ 50 ms a page).
    /// </summary>
    private static async Task AttachDiscrepanciesAsync(ReconDbContext db, IReadOnlyList<BatchResultRow> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return;
        }
        var byId = new Dictionary<long, BatchResultRow>(results.Count);
        long first = long.MaxValue, last = long.MinValue;
        foreach (var result in results)
        {
            byId[result.Id] = result;
            first = Math.Min(first, result.Id);
            last = Math.Max(last, result.Id);
        }
        var rows = await db.Discrepancies.AsNoTracking().Where(d => d.ResultId >= first && d.ResultId <= last).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (byId.TryGetValue(row.ResultId, out var result))
            {
                result.Discrepancies.Add(row);
            }
        }
    }

    /// <summary>
    /// Takes the oldest running batch whose processing lease is free, lapsed or already the worker's, and leases it to
    /// the worker; null when there is none. Several server instances on one database each take a different batch, and
    /// one takes over a batch whose instance stopped renewing its lease.
    /// </summary>
    public async Task<LeasedBatch?> LeaseNextAsync(BatchWorker worker, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var candidates = await db.Batches.AsNoTracking()
            .Where(b => b.State == BatchRunState.Running && (b.LeaseOwner == null || b.LeaseOwner == worker.Owner || b.LeaseExpiresAt < now))
            .OrderBy(b => b.Id).Select(b => new { b.Id, b.LeaseOwner, b.ProcessedThrough }).Take(10).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            // Taken only if nobody else took it since it was read: the same condition, under the row's lock.
            var taken = await db.Batches
                .Where(b => b.Id == candidate.Id && b.State == BatchRunState.Running
                    && (b.LeaseOwner == null || b.LeaseOwner == worker.Owner || b.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(set => set.SetProperty(b => b.LeaseOwner, worker.Owner).SetProperty(b => b.LeaseExpiresAt, now + worker.LeaseDuration),
                    cancellationToken);
            if (taken == 1)
            {
                var from = candidate.LeaseOwner is { } previous && previous != worker.Owner ? previous : null;
                var through = await db.Batches.AsNoTracking().Where(b => b.Id == candidate.Id).Select(b => b.ProcessedThrough).FirstAsync(cancellationToken);
                return new LeasedBatch(candidate.Id, through, from);
            }
        }
        return null;
    }

    /// <summary>Extends the worker's lease; otherwise says whether the batch ended (finished or cancelled) or the lease was lost (lapsed and taken).</summary>
    public async Task<LeaseRenewal> RenewLeaseAsync(string batchId, BatchWorker worker, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expires = time.GetUtcNow() + worker.LeaseDuration;
        if (await db.Batches.Where(b => b.Id == batchId && b.State == BatchRunState.Running && b.LeaseOwner == worker.Owner)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.LeaseExpiresAt, expires), cancellationToken) == 1)
        {
            return LeaseRenewal.Renewed;
        }
        // Not renewed: a batch whose last chunk was just written (or that was cancelled) gave its lease up itself, and is
        // not one lost to another instance.
        var running = await db.Batches.AnyAsync(b => b.Id == batchId && b.State == BatchRunState.Running, cancellationToken);
        return running ? LeaseRenewal.Lost : LeaseRenewal.BatchEnded;
    }

    /// <summary>
    /// Throws <see cref="NotFoundException"/> for a batch id that names no batch (none given: every batch, nothing to
    /// check). Asked by a listing only for an empty page: a result or clean record is written only for a batch that
    /// exists, and a batch is never deleted.
    /// </summary>
    internal static async Task RequireBatchAsync(ReconDbContext db, string? batchId, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(batchId) && !await db.Batches.AnyAsync(b => b.Id == batchId, cancellationToken))
        {
            throw new NotFoundException("batch", batchId);
        }
    }

    /// <summary>Gives the lease up (the instance is stopping), so another instance may take the batch at once.</summary>
    public async Task ReleaseLeaseAsync(string batchId, BatchWorker worker, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Batches.Where(b => b.Id == batchId && b.LeaseOwner == worker.Owner)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.LeaseOwner, (string?)null).SetProperty(b => b.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
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
    /// Returns the model.json the batch holds afterwards (the one given, or the one recorded before). One conditional
    /// update, so two instances that both trained a model for the batch (one took it over) end with the same one.
    /// </summary>
    public async Task<string> KeepModelAsync(string batchId, string version, string modelJson, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Batches.Where(b => b.Id == batchId && b.ModelJson == null)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.ModelVersion, version).SetProperty(b => b.ModelJson, modelJson), cancellationToken);
        var kept = await db.Batches.AsNoTracking().Where(b => b.Id == batchId).Select(b => new { b.ModelJson }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("batch", batchId);
        return kept.ModelJson ?? modelJson;
    }

    /// <summary>
    /// The batch's forms still to match: after the cursor, without a result. Only a re-run leaves results beyond the
    /// cursor (the forms a person decided on, kept as they are). Counted once when a batch is run again; the chunk writes
    /// ask <see cref="FirstUnmatchedAsync"/>, whose cost does not hang on the planner's statistics.
    /// </summary>
    private static IQueryable<BatchFormRow> Unmatched(ReconDbContext db, string batchId, long after)
        => db.BatchForms.Where(f => f.BatchId == batchId && f.Id > after
            && !db.BatchResults.Any(r => r.BatchId == batchId && r.FormRowId == f.Id));

    /// <summary>
    /// The row id of the batch's first form still to match after <paramref name="after"/> (none when the batch is done),
    /// asked as the two ranges <see cref="PendingFormsAsync"/> reads: the next forms' ids after the cursor, then the results
    /// among them (none but in a re-run). Asked as one query with <c>NOT EXISTS</c>, the answer depended on the planner's
    /// statistics: on a database whose statistics were taken after an earlier batch (a batch id it has not seen looks like
    /// a handful of rows), PostgreSQL joined every result of the batch so far at each chunk — 78 ms a chunk at 400k
    /// (15 s of PostgreSQL CPU), growing with the square of the batch. Ranges on the two keys cost what their rows cost.
    /// </summary>
    internal static async Task<long?> FirstUnmatchedAsync(ReconDbContext db, string batchId, long after, CancellationToken cancellationToken)
    {
        while (true)
        {
            var ids = await FormsAfter(db, batchId, after, FinishCheckForms).Select(f => f.Id).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return null;
            }
            var done = (await ResultsBetween(db, batchId, ids[0], ids[^1]).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var id in ids)
            {
                if (!done.Contains(id))
                {
                    return id;
                }
            }
            after = ids[^1];
        }
    }

    /// <summary>Form ids the finish check reads at a time: the first is the answer but in a re-run.</summary>
    private const int FinishCheckForms = 64;

    /// <summary>The batch's next <paramref name="count"/> forms after the form row id <paramref name="after"/>, in order: a range of its (batch, id) key.</summary>
    internal static IQueryable<BatchFormRow> FormsAfter(ReconDbContext db, string batchId, long after, int count)
        => db.BatchForms.AsNoTracking().Where(f => f.BatchId == batchId && f.Id > after).OrderBy(f => f.Id).Take(count);

    /// <summary>The form row ids from <paramref name="first"/> to <paramref name="last"/> that have a result: a range of the results' (batch, form row) index.</summary>
    internal static IQueryable<long> ResultsBetween(ReconDbContext db, string batchId, long first, long last)
        => db.BatchResults.Where(r => r.BatchId == batchId && r.FormRowId >= first && r.FormRowId <= last).Select(r => r.FormRowId);

    /// <summary>
    /// The batch's next forms to match after <paramref name="after"/> (a form row id), in order: at most
    /// <paramref name="count"/>, fewer when some of the next <paramref name="count"/> forms already have a result (a
    /// re-run keeps those a person decided on), none only when no form is left to match. Read as two ranges of row ids
    /// — the next forms after the cursor, then the results among them (none but in a re-run) — rather than one query
    /// that checks each form for a result: PostgreSQL spent 7 s of CPU at 400,000 forms on that check.
    /// </summary>
    public async Task<IReadOnlyList<PendingForm>> PendingFormsAsync(string batchId, long after, int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var rows = await FormsAfter(db, batchId, after, count).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return [];
            }
            var (first, last) = (rows[0].Id, rows[^1].Id);
            var done = (await ResultsBetween(db, batchId, first, last).ToListAsync(cancellationToken)).ToHashSet();
            var pending = rows.Where(f => !done.Contains(f.Id)).Select(f => new PendingForm(f.Id, f.ToForm())).ToList();
            if (pending.Count > 0)
            {
                return pending;
            }
            // Every one of these forms has a result already: the next ones.
            after = last;
        }
    }

    /// <summary>
    /// Composes the rows of a chunk's outcomes (results[i] is forms[i]'s) on every core, outside any transaction: the
    /// batch processor does it while the previous chunk is being written. The records of its clean results are looked up
    /// first, all at once (<see cref="RegistryLookup.GetManyAsync"/>: this process's index, or in cluster mode one call per
    /// partition for the whole chunk). Chunks are prepared in the batch's order: where several are written at once
    /// (<see cref="ChunkWritesAtOnce"/>) the ids of a chunk's cases and clean records are taken here
    /// (<see cref="ChunkRows.ReserveIdsAsync"/>), so they follow the batch's order however the writes interleave.
    /// </summary>
    public async Task<ChunkRows> PrepareChunkAsync(string batchId, IReadOnlyList<PendingForm> forms, IReadOnlyList<Reconciliation> results,
        CancellationToken cancellationToken)
    {
        if (forms.Count != results.Count)
        {
            throw new ArgumentException("one result per form", nameof(results));
        }
        var records = await registry.GetManyAsync(ChunkRows.LinkedRecordIds(results), cancellationToken);
        var rows = ChunkRows.Compose(batchId, forms, results, records, time.GetUtcNow());
        if (ChunkWritesAtOnce > 1)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await rows.ReserveIdsAsync(db, cancellationToken);
        }
        return rows;
    }

    /// <summary>Prepares and writes a chunk (see the other overload).</summary>
    public async Task<ChunkWritten> WriteChunkAsync(string batchId, BatchWorker worker, long after, IReadOnlyList<PendingForm> forms,
        IReadOnlyList<Reconciliation> results, CancellationToken cancellationToken)
        => await WriteChunkAsync(batchId, worker, after, await PrepareChunkAsync(batchId, forms, results, cancellationToken), cancellationToken);

    /// <summary>
    /// How many chunks the batch processor may write at once (<see cref="WriteChunkAsync(string, BatchWorker, long, ChunkRows, Task?, CancellationToken)"/>
    /// with the write before still in flight): on PostgreSQL two, each on its own connection, so that the database works
    /// on one chunk's rows while the server streams the next one's; one elsewhere (SQLite has a single writer; SQL Server
    /// is not measured here).
    /// </summary>
    public int ChunkWritesAtOnce => _chunkWritesAtOnce ??= ProviderChunkWritesAtOnce();

    private int? _chunkWritesAtOnce;

    private int ProviderChunkWritesAtOnce()
    {
        using var db = dbFactory.CreateDbContext();
        return BulkWriter.For(db.Database).ChunkWritesAtOnce;
    }

    /// <summary>Writes a chunk with no write of this batch in flight (see the other overload).</summary>
    public Task<ChunkWritten> WriteChunkAsync(string batchId, BatchWorker worker, long after, ChunkRows rows, CancellationToken cancellationToken)
        => WriteChunkAsync(batchId, worker, after, rows, before: null, cancellationToken);

    /// <summary>
    /// Writes a chunk's rows in one transaction, by the provider's bulk path: results (each with its form's row id as
    /// its id), discrepancies, a review case for each result that needs a person (fields to decide, several possible
    /// records, none) with the queue's counters, a clean record for each clean match, the batch counters, the cursor,
    /// the lease renewed, and the batch's success when no form is left. The batch row is updated only if the batch is
    /// still running, the worker still holds the lease and the cursor is still <paramref name="after"/>; otherwise
    /// nothing is written (cancelled meanwhile, or another instance took the batch over), so no chunk is ever written
    /// twice.
    /// </summary>
    /// <param name="before">
    /// The write of the chunk that ends at <paramref name="after"/>, when it is still in flight (null when none is).
    /// Where the database takes several writers (<see cref="ChunkWritesAtOnce"/>) this chunk's results and
    /// discrepancies are written beside it, and so are its cases and clean records when their ids were taken as the chunk
    /// was prepared (<see cref="ChunkRows.IdsReserved"/>; otherwise they wait for it, their generated ids being creation
    /// order); its batch row waits for it to end. Elsewhere the whole transaction waits. Chunks are therefore
    /// committed in the batch's order, never one after a chunk that was not: this one moves the cursor only from where
    /// the chunk before left it, so when that one is rolled back (a kill, a failure, a lost lease) this one is too,
    /// and a resume from the cursor finds every form after it without a result.
    /// </param>
    public async Task<ChunkWritten> WriteChunkAsync(string batchId, BatchWorker worker, long after, ChunkRows rows, Task? before,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var started = time.GetTimestamp();
        var stages = new ChunkWriteStages(time);
        if (before is not null && ChunkWritesAtOnce == 1)
        {
            await AfterAsync(before);
            before = null;
        }
        ChunkWritten written;
        try
        {
            written = await WriteInTransactionAsync(batchId, worker, after, rows, before, now, stages, cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another writer committed these forms meanwhile (an instance that took the batch over): nothing of this
            // chunk was kept. Anything else breaking a unique key is a fault.
            if (await StillWritableAsync(batchId, worker, after, cancellationToken))
            {
                throw;
            }
            written = ChunkWritten.Nothing;
        }
        if (written.Written)
        {
            stages.Lap(ChunkWriteStage.Commit);
            Log.ChunkWriteStages(logger, batchId, (long)time.GetElapsedTime(started).TotalMilliseconds, stages.ToString());
        }
        return written;
    }

    /// <summary>Whether the worker still holds the running batch with its cursor at or before <paramref name="after"/>.</summary>
    private async Task<bool> StillWritableAsync(string batchId, BatchWorker worker, long after, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Batches.AnyAsync(b => b.Id == batchId && b.State == BatchRunState.Running && b.LeaseOwner == worker.Owner
            && b.ProcessedThrough <= after, cancellationToken);
    }

    private async Task<ChunkWritten> WriteInTransactionAsync(string batchId, BatchWorker worker, long after, ChunkRows rows, Task? before,
        DateTimeOffset now, ChunkWriteStages stages, CancellationToken cancellationToken)
    {
        var forms = rows.FormCount;
        var through = rows.LastPosition ?? after;
        return await dbFactory.InTransactionAsync(async (db, token) =>
        {
            stages.Restart();
            // Read without a lock, so that the rows go in before the batch row is taken (a write beside this one holds
            // it): a chunk already written, or a batch no longer this worker's, is left at once. The batch row's update
            // below checks the same under its lock.
            var current = await db.Batches.AsNoTracking().Where(b => b.Id == batchId)
                .Select(b => new { b.Unit, b.State, b.LeaseOwner, b.ProcessedThrough }).FirstAsync(token);
            if (current.State != BatchRunState.Running || current.LeaseOwner != worker.Owner
                || (before is null ? current.ProcessedThrough != after : current.ProcessedThrough > after))
            {
                await db.RollbackAsync();
                return ChunkWritten.Nothing;
            }
            await rows.WriteResultsAsync(db, stages, token);
            if (rows.IdsReserved)
            {
                await rows.WriteCasesAsync(db, current.Unit, stages, token);
            }
            if (before is not null)
            {
                await AfterAsync(before);
                stages.Lap(ChunkWriteStage.Before);
            }
            if (!rows.IdsReserved)
            {
                await rows.WriteCasesAsync(db, current.Unit, stages, token);
            }
            var finished = await FirstUnmatchedAsync(db, batchId, through, token) is null;
            var state = finished ? BatchRunState.Succeeded : BatchRunState.Running;
            DateTimeOffset? completed = finished ? now : null;
            string? owner = finished ? null : worker.Owner;
            DateTimeOffset? expires = finished ? null : now + worker.LeaseDuration;
            var counts = rows.Counts;
            var updated = await db.Batches
                .Where(b => b.Id == batchId && b.State == BatchRunState.Running && b.LeaseOwner == worker.Owner && b.ProcessedThrough == after)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(b => b.ProcessedThrough, through)
                    .SetProperty(b => b.ProcessedCount, b => b.ProcessedCount + forms)
                    .SetProperty(b => b.CleanCount, b => b.CleanCount + counts.Clean)
                    .SetProperty(b => b.ReviewCount, b => b.ReviewCount + counts.Review)
                    .SetProperty(b => b.NoMatchCount, b => b.NoMatchCount + counts.NoMatch)
                    .SetProperty(b => b.AmbiguousCount, b => b.AmbiguousCount + counts.Ambiguous)
                    .SetProperty(b => b.State, state)
                    .SetProperty(b => b.CompletedAt, completed)
                    .SetProperty(b => b.LeaseOwner, owner)
                    .SetProperty(b => b.LeaseExpiresAt, expires), token);
            if (updated == 0)
            {
                await db.RollbackAsync();
                return ChunkWritten.Nothing;
            }
            var batch = await db.Batches.AsNoTracking().Where(b => b.Id == batchId)
                .Select(b => new { b.ProcessedCount, b.FormCount }).FirstAsync(token);
            stages.Lap(ChunkWriteStage.Batch);
            // The tallies are the batch's own rows: added after the batch row is taken, so two writes lock them in turn.
            await rows.AddTalliesAsync(db, token);
            stages.Lap(ChunkWriteStage.Tallies);
            if (finished)
            {
                // Before the success is committed, so that the download it starts is planned on the batch's results.
                await BulkWriter.For(db.Database).RefreshStatisticsAsync(db, FilledByMatching, token);
            }
            return new ChunkWritten(true, batch.ProcessedCount - forms, batch.ProcessedCount, batch.FormCount, finished);
        }, cancellationToken);
    }

    /// <summary>Waits for the write before to end, however it ends: its outcome shows in the cursor it left.</summary>
    private static Task AfterAsync(Task before) => before.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

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
    /// The processor's cursor goes back to the start and the lease is freed, so any instance takes the batch up and
    /// reads every form again; the kept forms are skipped because they have a result.
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
            var pending = await Unmatched(db, batch.Id, 0).LongCountAsync(cancellationToken);
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
            // Back to the first form, with no owner: whichever instance leases it next reads the batch from the start.
            batch.ProcessedThrough = 0;
            batch.LeaseOwner = null;
            batch.LeaseExpiresAt = null;
            audit.Add(db, caller, AuditActions.RerunBatch, [AuditTarget.Batch(batch.Id)]);
            await db.SaveChangesAsync(cancellationToken);
            await CaseTallies.RebuildAsync(db, batch.Id, cancellationToken);
            return (BatchRun.Of(batch), kept, pending);
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
