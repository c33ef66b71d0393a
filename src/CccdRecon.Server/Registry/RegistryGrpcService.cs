using CccdRecon.Contracts.V1;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Registry;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Security;
using Grpc.Core;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Registry;

/// <summary>gRPC face of the registry (cơ sở dữ liệu hộ tịch), <see cref="RegistryStore"/>.</summary>
internal sealed class RegistryGrpcService(RegistryStore store, RegistryIndex index, HeapCompaction heap, ILogger<RegistryGrpcService> logger)
    : RegistryService.RegistryServiceBase
{
    public override async Task<ImportRecordsResponse> ImportRecords(IAsyncStreamReader<ImportRecordsRequest> requestStream, ServerCallContext context)
    {
        var import = new RegistryImport();
        var caller = context.GetCaller();
        // Messages are gathered into large writes (RegistryStore.RecordsPerTransaction): one transaction and one load into
        // the index for many messages, written in the background while the next messages arrive (WriteBehind).
        // A message that repeats a record of an earlier one starts a new write, so that the repeat counts as an update,
        // as it does when each message is written by itself.
        var gathered = new List<Core.Matching.RegistryRecord>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await GatheredUpload.ReadAndWriteAsync(requestStream, m => store.CheckMessage(m.Records.Count), () => gathered.Count > 0,
            m => gathered.Count + m.Records.Count > RegistryStore.RecordsPerTransaction || m.Records.Any(r => ids.Contains(r.RecordId)),
            m =>
            {
                gathered.AddRange(m.Records.Select(r => r.ToDomain()));
                ids.UnionWith(m.Records.Select(r => r.RecordId));
            },
            () =>
            {
                var records = gathered;
                (gathered, ids) = ([], new HashSet<string>(StringComparer.Ordinal));
                return () => store.ImportAsync(import, records, caller, CancellationToken.None);
            },
            context.CancellationToken);
        Log.RecordsImported(logger, import.Imported, import.Updated, import.Rejected);
        // A large import leaves the index's earlier layouts behind as garbage beside it: given back before the answer.
        if (HeapCompaction.IsLargeImport(import.Imported + import.Updated, index.Count))
        {
            heap.Compact("a registry import");
        }
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
