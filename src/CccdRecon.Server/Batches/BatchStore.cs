using CccdRecon.Data;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Paging;
using CccdRecon.Server.Audit;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Mapping;
using CccdRecon.Server.Reconciliation;
using CccdRecon.Server.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using V1 = CccdRecon.Contracts.V1;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Batches;

/// <summary>The batch lifecycle (đợt đối soát) on the database: create, add forms, start, cancel, read.</summary>
internal sealed class BatchStore(
    IDbContextFactory<ReconDbContext> dbFactory,
    BatchSignal signal,
    IOptions<LimitsOptions> limits,
    AuditTrail audit,
    TimeProvider time,
    ILogger<BatchStore> logger)
{
    public async Task<BatchRow> CreateAsync(V1.CreateBatchRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value).MaxLength("display_name", request.DisplayName).MaxLength("forms_hash", request.FormsHash);
        if (!Contracts.Security.UnitCodes.IsValid(request.Unit))
        {
            check.Add("unit", "must be " + Contracts.Security.UnitCodes.Rule);
        }
        check.ThrowIfInvalid();
        var now = time.GetUtcNow();
        var batch = new BatchRow
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            DisplayName = request.DisplayName,
            FormsHash = request.FormsHash,
            Unit = request.Unit,
            State = BatchRunState.Open,
            CreatedAt = now,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Batches.Add(batch);
        audit.Add(db, caller, AuditActions.CreateBatch, [Target.Batch(batch.Id)]);
        await db.SaveChangesAsync(cancellationToken);
        return batch;
    }

    public async Task<BatchRow> GetAsync(string? batchId, CancellationToken cancellationToken)
    {
        RequireId(batchId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken)
            ?? throw RpcErrors.NotFound("batch", batchId!);
    }

    public sealed class AddTally
    {
        public string? BatchId;
        public long Position;
        public V1.AddFormsResponse Response { get; } = new();
    }

    /// <summary>Adds one message's forms in one transaction; a form_id the batch already has is counted as a duplicate.</summary>
    public async Task AddFormsAsync(V1.AddFormsRequest message, AddTally tally, Caller caller, CancellationToken cancellationToken)
    {
        var max = limits.Value;
        if (tally.BatchId is null)
        {
            RequireId(message.BatchId);
            tally.BatchId = message.BatchId;
        }
        else if (message.BatchId.Length > 0 && message.BatchId != tally.BatchId)
        {
            throw RpcErrors.InvalidArgument("batch_id", "must be the same in every message of the stream");
        }
        if (message.Forms.Count > max.MaxItemsPerMessage)
        {
            throw RpcErrors.InvalidArgument("forms", $"at most {max.MaxItemsPerMessage} forms per message");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Batches.FirstOrDefaultAsync(b => b.Id == tally.BatchId, cancellationToken)
            ?? throw RpcErrors.NotFound("batch", tally.BatchId);
        if (batch.State != BatchRunState.Open)
        {
            throw RpcErrors.FailedPrecondition("BATCH_NOT_OPEN", "forms can only be added before the batch starts");
        }

        var fresh = new Dictionary<string, BatchFormRow>(StringComparer.Ordinal);
        for (var i = 0; i < message.Forms.Count; i++)
        {
            var form = message.Forms[i];
            var position = tally.Position++;
            var check = FormRules.Check(form, max, $"forms[{i}].");
            if (!check.IsValid)
            {
                tally.Response.RejectedCount++;
                if (tally.Response.Rejections.Count < max.MaxReportedErrors)
                {
                    tally.Response.Rejections.Add(RpcErrors.ItemError(position, form.FormId.Length <= FormRules.MaxIdLength ? form.FormId : "", check.Violations));
                }
                continue;
            }
            var row = form.ToDomain().ToRow(batch.Id);
            if (!fresh.TryAdd(row.FormId, row))
            {
                tally.Response.DuplicateCount++;
            }
        }
        if (fresh.Count > 0)
        {
            var ids = fresh.Keys.ToList();
            var known = await db.BatchForms.Where(f => f.BatchId == batch.Id && ids.Contains(f.FormId)).Select(f => f.FormId).ToListAsync(cancellationToken);
            foreach (var id in known)
            {
                fresh.Remove(id);
                tally.Response.DuplicateCount++;
            }
            if (batch.FormCount + fresh.Count > max.MaxFormsPerBatch)
            {
                throw RpcErrors.ResourceExhausted("BATCH_TOO_LARGE", "Limits:MaxFormsPerBatch", $"a batch holds at most {max.MaxFormsPerBatch} forms");
            }
            db.BatchForms.AddRange(fresh.Values);
            batch.FormCount += fresh.Count;
        }
        // The forms and the received count are committed together: a resuming client can trust the count.
        batch.ReceivedCount += message.Forms.Count;
        audit.Add(db, caller, AuditActions.AddForms, fresh.Keys.Select(Target.Form).Prepend(Target.Batch(batch.Id)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another stream added one of these form_ids at the same moment: nothing of this message was kept.
            throw RpcErrors.Aborted("CONCURRENT_ADD", "forms were added to this batch concurrently; resend this message");
        }
        tally.Response.AddedCount += fresh.Count;
        tally.Response.Batch = batch.ToProto();
    }

    public async Task<BatchRow> StartAsync(string? batchId, Caller caller, CancellationToken cancellationToken)
    {
        RequireId(batchId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Batches.FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken) ?? throw RpcErrors.NotFound("batch", batchId!);
        switch (batch.State)
        {
            case BatchRunState.Running:
                return batch;
            case BatchRunState.Open when batch.FormCount == 0:
                throw RpcErrors.FailedPrecondition("BATCH_EMPTY", "the batch has no forms");
            case BatchRunState.Open:
                batch.State = BatchRunState.Running;
                batch.StartedAt = time.GetUtcNow();
                audit.Add(db, caller, AuditActions.StartBatch, [Target.Batch(batch.Id)]);
                await db.SaveChangesAsync(cancellationToken);
                Log.BatchStarted(logger, batch.Id, batch.FormCount);
                signal.Notify();
                return batch;
            default:
                throw RpcErrors.FailedPrecondition("BATCH_FINISHED", "the batch has already finished");
        }
    }

    public async Task<BatchRow> CancelAsync(string? batchId, Caller caller, CancellationToken cancellationToken)
    {
        RequireId(batchId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Batches.FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken) ?? throw RpcErrors.NotFound("batch", batchId!);
        if (batch.State is BatchRunState.Succeeded or BatchRunState.Cancelled)
        {
            throw RpcErrors.FailedPrecondition("BATCH_FINISHED", "the batch has already finished");
        }
        batch.State = BatchRunState.Cancelled;
        batch.CompletedAt = time.GetUtcNow();
        // The processor writes a chunk only if the batch is still running when it commits, so no result lands after this.
        audit.Add(db, caller, AuditActions.CancelBatch, [Target.Batch(batch.Id)]);
        await db.SaveChangesAsync(cancellationToken);
        Log.BatchCancelled(logger, batch.Id, batch.ProcessedCount);
        return batch;
    }

    public async Task<Page<BatchRow>> ListAsync(V1.ListBatchesRequest request, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value);
        var size = check.PageSize(request.PageSize);
        var filter = $"batches|{request.FormsHash}";
        if (!PageToken.TryDecode(request.PageToken, filter, out string? after))
        {
            check.Add("page_token", "is not a token from this listing");
        }
        check.ThrowIfInvalid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Batches.AsNoTracking();
        if (request.FormsHash.Length > 0)
        {
            query = query.Where(b => b.FormsHash == request.FormsHash);
        }
        return await query.PageByStringDescendingAsync(b => b.Id, after, size, filter, cancellationToken);
    }

    public async Task<Page<BatchResultRow>> ListResultsAsync(V1.ListResultsRequest request, Caller caller, CancellationToken cancellationToken)
    {
        RequireId(request.BatchId);
        var check = new Validator(limits.Value);
        var size = check.PageSize(request.PageSize);
        var filter = $"results|{request.BatchId}|{(int)request.Status}";
        if (!PageToken.TryDecode(request.PageToken, filter, out long? after))
        {
            check.Add("page_token", "is not a token from this listing");
        }
        if (!Enum.IsDefined(request.Status))
        {
            check.Add("status", "is not a known status");
        }
        check.ThrowIfInvalid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Batches.AnyAsync(b => b.Id == request.BatchId, cancellationToken))
        {
            throw RpcErrors.NotFound("batch", request.BatchId);
        }
        var query = db.BatchResults.AsNoTracking().Include(r => r.Discrepancies).Where(r => r.BatchId == request.BatchId);
        if (request.Status.ToDomain() is { } status)
        {
            query = query.Where(r => r.Status == (int)status);
        }
        var page = await query.PageByIdAsync(r => r.Id, after, size, filter, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ListResults, page.Items.Select(r => Target.Form(r.FormId)).Prepend(Target.Batch(request.BatchId)), cancellationToken);
        return page;
    }

    private static void RequireId(string? batchId)
    {
        if (string.IsNullOrWhiteSpace(batchId))
        {
            throw RpcErrors.InvalidArgument("batch_id", "is required");
        }
        if (batchId.Length > 64)
        {
            throw RpcErrors.InvalidArgument("batch_id", "must be at most 64 characters");
        }
    }
}
