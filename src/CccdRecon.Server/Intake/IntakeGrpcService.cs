using CccdRecon.Contracts.V1;
using CccdRecon.Data.Intake;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Mapping;
using CccdRecon.Server.Security;
using Grpc.Core;

namespace CccdRecon.Server.Intake;

/// <summary>Intake-ready records (hồ sơ sạch) for the CCCD dossier (<see cref="IntakeStore"/>), in the order they became clean.</summary>
internal sealed class IntakeGrpcService(IntakeStore store) : IntakeService.IntakeServiceBase
{
    public override async Task<ListCleanRecordsResponse> ListCleanRecords(ListCleanRecordsRequest request, ServerCallContext context)
    {
        var page = await store.ListAsync(request.BatchId, Mapper.Page(request.PageSize, request.PageToken), context.GetCaller(), context.CancellationToken);
        var response = new ListCleanRecordsResponse { NextPageToken = page.NextPageToken };
        response.CleanRecords.AddRange(page.Items.Select(r => r.ToProto()));
        return response;
    }

    /// <summary>Streams the records that were clean when the call started; the one audit event is written before the first leaves.</summary>
    public override async Task ExportCleanRecords(ExportCleanRecordsRequest request, IServerStreamWriter<ExportCleanRecordsResponse> responseStream, ServerCallContext context)
    {
        var writer = new GatheredStreamWriter<ExportCleanRecordsResponse>(responseStream);
        await foreach (var record in store.ExportAsync(request.BatchId, context.GetCaller(), context.CancellationToken))
        {
            await writer.WriteAsync(new ExportCleanRecordsResponse { CleanRecord = record.ToProto() }, context.CancellationToken);
        }
    }
}
