using System.Runtime.CompilerServices;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CccdRecon.Data.Intake;

/// <summary>Intake-ready records (hồ sơ sạch) for the CCCD dossier, in the order they became clean.</summary>
public sealed class IntakeStore(IDbContextFactory<ReconDbContext> dbFactory, IOptions<StoreLimits> limits, AuditTrail audit)
{
    private const int MaxIdLength = 64;

    /// <summary>One page of a batch's records (every batch's when <paramref name="batchId"/> is empty); the audit event names each.</summary>
    public async Task<Page<IntakeRecord>> ListAsync(string? batchId, PageRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value);
        var filter = $"clean|{batchId}";
        var size = check.Page(request, filter, out long? after);
        check.MaxLength("batch_id", batchId, MaxIdLength);
        check.ThrowIfInvalid();
        var page = await PageAsync(batchId, after, null, size, filter, checkBatch: true, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ListCleanRecords, page.Items.Select(r => AuditTarget.Clean(r.Id)), cancellationToken);
        return page.Select(CleanRecords.ToIntakeRecord);
    }

    /// <summary>
    /// Every record that was clean when the export began (up to the highest id then), so the one audit event, written
    /// before the first record is returned, names exactly what is sent: <c>clean:FIRST-LAST</c> and the count.
    /// </summary>
    public async IAsyncEnumerable<IntakeRecord> ExportAsync(string? batchId, Caller caller, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        new Validator(limits.Value).MaxLength("batch_id", batchId, MaxIdLength).ThrowIfInvalid();
        var (first, last, count) = await RangeAsync(batchId, cancellationToken);
        var targets = new List<string>();
        if (!string.IsNullOrEmpty(batchId))
        {
            targets.Add(AuditTarget.Batch(batchId));
        }
        targets.Add(count == 0 ? "clean:none" : $"{AuditTarget.Clean(first)}-{last}");
        targets.Add($"count:{count}");
        await audit.WriteAsync(caller, AuditActions.ExportCleanRecords, targets, cancellationToken);
        if (count == 0)
        {
            yield break;
        }
        long? after = null;
        var filter = $"export|{batchId}";
        do
        {
            // The batch was found by RangeAsync, and a batch is never deleted: its pages need not ask again.
            var page = await PageAsync(batchId, after, last, limits.Value.MaxPageSize, filter, checkBatch: false, cancellationToken);
            foreach (var row in page.Items)
            {
                yield return CleanRecords.ToIntakeRecord(row);
            }
            after = page.Items.Count > 0 && page.NextPageToken.Length > 0 ? page.Items[^1].Id : null;
        }
        while (after is not null);
    }

    /// <param name="checkBatch">Whether an empty page asks if the batch exists (a page with records is of one that does).</param>
    private async Task<Page<CleanRecordRow>> PageAsync(string? batchId, long? after, long? upTo, int size, string filter, bool checkBatch,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = Records(db, batchId);
        if (upTo is { } last)
        {
            records = records.Where(r => r.Id <= last);
        }
        var page = await records.PageByIdAsync(r => r.Id, after, size, filter, cancellationToken);
        if (checkBatch && page.Items.Count == 0)
        {
            await BatchStore.RequireBatchAsync(db, batchId, cancellationToken);
        }
        return page;
    }

    private async Task<(long First, long Last, int Count)> RangeAsync(string? batchId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await BatchStore.RequireBatchAsync(db, batchId, cancellationToken);
        var records = Records(db, batchId);
        // One group or none: Single says so (First without an order had EF Core warn in the log at every start).
        var range = await records.GroupBy(_ => 1).Select(g => new { First = g.Min(r => r.Id), Last = g.Max(r => r.Id), Count = g.Count() })
            .SingleOrDefaultAsync(cancellationToken);
        return range is null ? (0, 0, 0) : (range.First, range.Last, range.Count);
    }

    private static IQueryable<CleanRecordRow> Records(ReconDbContext db, string? batchId)
        => string.IsNullOrEmpty(batchId) ? db.CleanRecords.AsNoTracking() : db.CleanRecords.AsNoTracking().Where(r => r.BatchId == batchId);
}
