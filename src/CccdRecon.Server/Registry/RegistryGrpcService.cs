using CccdRecon.Contracts.V1;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Mapping;
using Grpc.Core;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Registry;

/// <summary>gRPC face of the registry (cơ sở dữ liệu hộ tịch).</summary>
internal sealed class RegistryGrpcService(
    RegistryImporter importer,
    Core.Matching.RegistryIndex index,
    ILogger<RegistryGrpcService> logger) : RegistryService.RegistryServiceBase
{
    public override async Task<ImportRecordsResponse> ImportRecords(IAsyncStreamReader<ImportRecordsRequest> requestStream, ServerCallContext context)
    {
        var tally = new RegistryImporter.Tally();
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await importer.ImportAsync(message, tally, context.CancellationToken);
        }
        Log.RecordsImported(logger, tally.Response.ImportedCount, tally.Response.UpdatedCount, tally.Response.RejectedCount);
        return tally.Response;
    }

    public override Task<GetRecordResponse> GetRecord(GetRecordRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.RecordId))
        {
            throw RpcErrors.InvalidArgument("record_id", "is required");
        }
        var record = index.Get(request.RecordId.Trim()) ?? throw RpcErrors.NotFound("record", request.RecordId.Trim());
        return Task.FromResult(new GetRecordResponse { Record = record.ToProto() });
    }
}
