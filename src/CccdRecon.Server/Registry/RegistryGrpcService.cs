using CccdRecon.Contracts.V1;
using CccdRecon.Data.Registry;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Security;
using Grpc.Core;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Registry;

/// <summary>gRPC face of the registry (cơ sở dữ liệu hộ tịch), <see cref="RegistryStore"/>.</summary>
internal sealed class RegistryGrpcService(RegistryStore store, ILogger<RegistryGrpcService> logger) : RegistryService.RegistryServiceBase
{
    public override async Task<ImportRecordsResponse> ImportRecords(IAsyncStreamReader<ImportRecordsRequest> requestStream, ServerCallContext context)
    {
        var import = new RegistryImport();
        var caller = context.GetCaller();
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await store.ImportAsync(import, message.Records.Select(r => r.ToDomain()).ToList(), caller, context.CancellationToken);
        }
        Log.RecordsImported(logger, import.Imported, import.Updated, import.Rejected);
        var response = new ImportRecordsResponse { ImportedCount = import.Imported, UpdatedCount = import.Updated, RejectedCount = import.Rejected };
        response.Rejections.AddRange(import.Rejections.Select(RpcErrors.ItemError));
        return response;
    }

    public override async Task<GetRecordResponse> GetRecord(GetRecordRequest request, ServerCallContext context)
        => new() { Record = (await store.GetAsync(request.RecordId, context.GetCaller(), context.CancellationToken)).ToProto() };

    public override async Task<SearchRecordsResponse> SearchRecords(SearchRecordsRequest request, ServerCallContext context)
    {
        var search = new RecordSearchRequest(new Core.Matching.RecordQuery(request.FullName, request.DateOfBirth, request.PersonalId), request.CaseId,
            Mapping.Mapper.Page(request.PageSize, request.PageToken));
        var page = await store.SearchAsync(search, context.GetCaller(), context.CancellationToken);
        var response = new SearchRecordsResponse { NextPageToken = page.NextPageToken };
        response.Records.AddRange(page.Items.Select(r => r.ToProto()));
        return response;
    }
}
