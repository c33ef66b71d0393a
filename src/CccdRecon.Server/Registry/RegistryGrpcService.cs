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
        // The gathered list and the id set are reused: a list goes back (emptied) once its write is done, for the
        // gathering after next; each would otherwise be grown anew to 20,000 entries per write, on the large object heap.
        var gathered = new List<Core.Matching.RegistryRecord>(RegistryStore.RecordsPerTransaction);
        var ids = new HashSet<string>(RegistryStore.RecordsPerTransaction, StringComparer.Ordinal);
        List<Core.Matching.RegistryRecord>? written = null;
        await GatheredUpload.ReadAndWriteAsync(requestStream, m => store.CheckMessage(m.Records.Count), () => gathered.Count > 0,
            m => gathered.Count + m.Records.Count > RegistryStore.RecordsPerTransaction || RepeatsGathered(m, ids),
            m =>
            {
                foreach (var record in m.Records)
                {
                    gathered.Add(record.ToDomain());
                    ids.Add(record.RecordId);
                }
            },
            () =>
            {
                var records = gathered;
                gathered = Interlocked.Exchange(ref written, null) ?? new List<Core.Matching.RegistryRecord>(RegistryStore.RecordsPerTransaction);
                ids.Clear();
                return async () =>
                {
                    await store.ImportAsync(import, records, caller, CancellationToken.None);
                    records.Clear();
                    Volatile.Write(ref written, records);
                };
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

    /// <summary>Whether the message repeats a record gathered from an earlier one (<paramref name="ids"/>, as sent).</summary>
    private static bool RepeatsGathered(ImportRecordsRequest message, HashSet<string> ids)
    {
        foreach (var record in message.Records)
        {
            if (ids.Contains(record.RecordId))
            {
                return true;
            }
        }
        return false;
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
