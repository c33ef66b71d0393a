using CccdRecon.Contracts.V1;
using CccdRecon.Data;
using CccdRecon.Data.Paging;
using CccdRecon.Server.Audit;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Intake;

/// <summary>Intake-ready records (hồ sơ sạch) for the CCCD dossier, in the order they became clean.</summary>
internal sealed class IntakeGrpcService(IDbContextFactory<ReconDbContext> dbFactory, IOptions<LimitsOptions> limits, AuditTrail audit)
    : IntakeService.IntakeServiceBase
{
    public override async Task<ListCleanRecordsResponse> ListCleanRecords(ListCleanRecordsRequest request, ServerCallContext context)
    {
        var check = new Validator(limits.Value);
        var size = check.PageSize(request.PageSize);
        check.MaxLength("batch_id", request.BatchId, 64);
        var filter = $"clean|{request.BatchId}";
        if (!PageToken.TryDecode(request.PageToken, filter, out long? after))
        {
            check.Add("page_token", "is not a token from this listing");
        }
        check.ThrowIfInvalid();
        var page = await PageAsync(request.BatchId, after, null, size, filter, context.CancellationToken);
        await audit.WriteAsync(Caller.Of(context), AuditActions.ListCleanRecords, page.Items.Select(r => Target.Clean(r.Id)), context.CancellationToken);
        var response = new ListCleanRecordsResponse { NextPageToken = page.NextPageToken };
        response.CleanRecords.AddRange(page.Items.Select(r => r.ToProto()));
        return response;
    }

    /// <summary>
    /// Streams the records that were clean when the call started (up to the highest id then), so the one audit
    /// event, written before the first record leaves, names exactly what is sent: <c>clean:FIRST-LAST</c>.
    /// </summary>
    public override async Task ExportCleanRecords(ExportCleanRecordsRequest request, IServerStreamWriter<ExportCleanRecordsResponse> responseStream, ServerCallContext context)
    {
        new Validator(limits.Value).MaxLength("batch_id", request.BatchId, 64).ThrowIfInvalid();
        var (first, last, count) = await RangeAsync(request.BatchId, context.CancellationToken);
        var targets = new List<string>();
        if (request.BatchId.Length > 0)
        {
            targets.Add(Target.Batch(request.BatchId));
        }
        targets.Add(count == 0 ? "clean:none" : $"{Target.Clean(first)}-{last}");
        targets.Add($"count:{count}");
        await audit.WriteAsync(Caller.Of(context), AuditActions.ExportCleanRecords, targets, context.CancellationToken);
        if (count == 0)
        {
            return;
        }
        long? after = null;
        var filter = $"export|{request.BatchId}";
        do
        {
            var page = await PageAsync(request.BatchId, after, last, limits.Value.MaxPageSize, filter, context.CancellationToken);
            foreach (var row in page.Items)
            {
                await responseStream.WriteAsync(new ExportCleanRecordsResponse { CleanRecord = row.ToProto() }, context.CancellationToken);
            }
            after = page.Items.Count > 0 && page.NextPageToken.Length > 0 ? page.Items[^1].Id : null;
        }
        while (after is not null);
    }

    private async Task<Page<Data.Entities.CleanRecordRow>> PageAsync(string batchId, long? after, long? upTo, int size, string filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = await QueryAsync(db, batchId, cancellationToken);
        if (upTo is { } last)
        {
            query = query.Where(r => r.Id <= last);
        }
        return await query.PageByIdAsync(r => r.Id, after, size, filter, cancellationToken);
    }

    private async Task<(long First, long Last, int Count)> RangeAsync(string batchId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = await QueryAsync(db, batchId, cancellationToken);
        var range = await query.GroupBy(_ => 1).Select(g => new { First = g.Min(r => r.Id), Last = g.Max(r => r.Id), Count = g.Count() })
            .FirstOrDefaultAsync(cancellationToken);
        return range is null ? (0, 0, 0) : (range.First, range.Last, range.Count);
    }

    private static async Task<IQueryable<Data.Entities.CleanRecordRow>> QueryAsync(ReconDbContext db, string batchId, CancellationToken cancellationToken)
    {
        if (batchId.Length > 0 && !await db.Batches.AnyAsync(b => b.Id == batchId, cancellationToken))
        {
            throw RpcErrors.NotFound("batch", batchId);
        }
        var query = db.CleanRecords.AsNoTracking();
        return batchId.Length > 0 ? query.Where(r => r.BatchId == batchId) : query;
    }
}
