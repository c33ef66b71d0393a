using CccdRecon.Contracts.V1;
using CccdRecon.Server.Audit;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Mapping;
using CccdRecon.Server.Security;
using Grpc.Core;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Registry;

/// <summary>gRPC face of the registry (cơ sở dữ liệu hộ tịch).</summary>
internal sealed class RegistryGrpcService(
    RegistryImporter importer,
    Core.Matching.RegistryIndex index,
    AuditTrail audit,
    ILogger<RegistryGrpcService> logger) : RegistryService.RegistryServiceBase
{
    public override async Task<ImportRecordsResponse> ImportRecords(IAsyncStreamReader<ImportRecordsRequest> requestStream, ServerCallContext context)
    {
        var tally = new RegistryImporter.Tally();
        var caller = Caller.Of(context);
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await importer.ImportAsync(message, tally, caller, context.CancellationToken);
        }
        Log.RecordsImported(logger, tally.Response.ImportedCount, tally.Response.UpdatedCount, tally.Response.RejectedCount);
        return tally.Response;
    }

    public override async Task<GetRecordResponse> GetRecord(GetRecordRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.RecordId))
        {
            throw RpcErrors.InvalidArgument("record_id", "is required");
        }
        var record = index.Get(request.RecordId.Trim()) ?? throw RpcErrors.NotFound("record", request.RecordId.Trim());
        await audit.WriteAsync(Caller.Of(context), AuditActions.GetRecord, [Target.Record(record.RecordId)], context.CancellationToken);
        return new GetRecordResponse { Record = record.ToProto() };
    }
}
