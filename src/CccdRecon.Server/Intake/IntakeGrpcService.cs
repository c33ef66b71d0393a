using CccdRecon.Contracts.V1;
using CccdRecon.Data;
using CccdRecon.Data.Paging;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Hosting;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Intake;

/// <summary>Intake-ready records (hồ sơ sạch) for the CCCD dossier, in the order they became clean.</summary>
internal sealed class IntakeGrpcService(IDbContextFactory<ReconDbContext> dbFactory, IOptions<LimitsOptions> limits) : IntakeService.IntakeServiceBase
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
        var page = await PageAsync(request.BatchId, after, size, filter, context.CancellationToken);
        var response = new ListCleanRecordsResponse { NextPageToken = page.NextPageToken };
        response.CleanRecords.AddRange(page.Items.Select(r => r.ToProto()));
        return response;
    }

    public override async Task ExportCleanRecords(ExportCleanRecordsRequest request, IServerStreamWriter<ExportCleanRecordsResponse> responseStream, ServerCallContext context)
    {
        new Validator(limits.Value).MaxLength("batch_id", request.BatchId, 64).ThrowIfInvalid();
        long? after = null;
        var filter = $"export|{request.BatchId}";
        do
        {
            var page = await PageAsync(request.BatchId, after, limits.Value.MaxPageSize, filter, context.CancellationToken);
            foreach (var row in page.Items)
            {
                await responseStream.WriteAsync(new ExportCleanRecordsResponse { CleanRecord = row.ToProto() }, context.CancellationToken);
            }
            after = page.Items.Count > 0 && page.NextPageToken.Length > 0 ? page.Items[^1].Id : null;
        }
        while (after is not null);
    }

    private async Task<Page<Data.Entities.CleanRecordRow>> PageAsync(string batchId, long? after, int size, string filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (batchId.Length > 0 && !await db.Batches.AnyAsync(b => b.Id == batchId, cancellationToken))
        {
            throw RpcErrors.NotFound("batch", batchId);
        }
        var query = db.CleanRecords.AsNoTracking();
        if (batchId.Length > 0)
        {
            query = query.Where(r => r.BatchId == batchId);
        }
        return await query.PageByIdAsync(r => r.Id, after, size, filter, cancellationToken);
    }
}
