using CccdRecon.Contracts.V1;
using CccdRecon.Data.Batches;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Mapping;
using CccdRecon.Server.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Batches;

/// <summary>gRPC face of persistent batch runs: requests to <see cref="BatchStore"/> and back.</summary>
internal sealed class BatchGrpcService(BatchStore store, IOptions<BatchOptions> options, TimeProvider time, IHostApplicationLifetime lifetime)
    : BatchService.BatchServiceBase
{
    public override async Task<CreateBatchResponse> CreateBatch(CreateBatchRequest request, ServerCallContext context)
        => new() { Batch = (await store.CreateAsync(new NewBatch(request.DisplayName, request.FormsHash, request.Unit), context.GetCaller(), context.CancellationToken)).ToProto() };

    public override async Task<AddFormsResponse> AddForms(IAsyncStreamReader<AddFormsRequest> requestStream, ServerCallContext context)
    {
        var upload = new FormUpload();
        var caller = context.GetCaller();
        // Messages are gathered into large writes (BatchStore.FormsPerTransaction): one transaction for many messages,
        // written in the background while the next messages arrive (WriteBehind); a refused message or a broken stream
        // writes those gathered before it first (GatheredUpload).
        var gathered = new List<IReadOnlyList<Core.Matching.SurveyForm>>();
        var count = 0;
        await GatheredUpload.ReadAndWriteAsync(requestStream, m => store.CheckMessage(upload, m.BatchId, m.Forms.Count), () => gathered.Count > 0,
            m => count + m.Forms.Count > BatchStore.FormsPerTransaction,
            m =>
            {
                gathered.Add(m.Forms.Select(f => f.ToDomain()).ToList());
                count += m.Forms.Count;
            },
            () =>
            {
                var messages = gathered;
                (gathered, count) = ([], 0);
                return () => store.AddFormsAsync(upload, messages, caller, CancellationToken.None);
            },
            context.CancellationToken);
        var batch = await store.FinishUploadAsync(upload, context.CancellationToken);
        var response = new AddFormsResponse
        {
            AddedCount = upload.Added,
            DuplicateCount = upload.Duplicates,
            RejectedCount = upload.Rejected,
            Batch = batch.ToProto(),
        };
        response.Rejections.AddRange(upload.Rejections.Select(Errors.RpcErrors.ItemError));
        return response;
    }

    public override async Task<StartBatchResponse> StartBatch(StartBatchRequest request, ServerCallContext context)
        => new() { Batch = (await store.StartAsync(request.BatchId, context.GetCaller(), context.CancellationToken)).ToProto() };

    public override async Task<GetBatchResponse> GetBatch(GetBatchRequest request, ServerCallContext context)
        => new() { Batch = (await store.GetAsync(request.BatchId, context.CancellationToken)).ToProto() };

    public override async Task<ListBatchesResponse> ListBatches(ListBatchesRequest request, ServerCallContext context)
    {
        var page = await store.ListAsync(new BatchQuery(request.FormsHash, Mapper.Page(request.PageSize, request.PageToken)), context.CancellationToken);
        var response = new ListBatchesResponse { NextPageToken = page.NextPageToken };
        response.Batches.AddRange(page.Items.Select(b => b.ToProto()));
        return response;
    }

    /// <summary>Sends the batch now and on every change, and ends when the batch is finished.</summary>
    /// <summary>Ends UNAVAILABLE (SHUTTING_DOWN) when the server begins to stop, so a watcher never holds the stop back.</summary>
    public override async Task WatchBatch(WatchBatchRequest request, IServerStreamWriter<WatchBatchResponse> responseStream, ServerCallContext context)
    {
        BatchRun? last = null;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            while (true)
            {
                var batch = await store.GetAsync(request.BatchId, watching.Token);
                if (batch != last)
                {
                    // Written under the call's token only: gRPC aborts the whole HTTP/2 stream (CANCEL) when a write's token
                    // fires mid-write, and the watcher would then see CANCELLED instead of the SHUTTING_DOWN below. The stop
                    // is noticed at the next read or wait.
                    await responseStream.WriteAsync(new WatchBatchResponse { Batch = batch.ToProto() }, context.CancellationToken);
                    last = batch;
                }
                if (batch.IsFinished)
                {
                    return;
                }
                await Task.Delay(options.Value.WatchInterval, time, watching.Token);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw Errors.RpcErrors.ShuttingDown();
        }
    }

    public override async Task<ListResultsResponse> ListResults(ListResultsRequest request, ServerCallContext context)
    {
        var full = request.View is ResultView.Unspecified or ResultView.Full;
        if (!full && request.View != ResultView.Basic)
        {
            throw new Data.Errors.InvalidInputException("view", "is not a known view");
        }
        var query = new ResultQuery(request.BatchId, request.Status.ToDomain("status"), Mapper.Page(request.PageSize, request.PageToken), full);
        var page = await store.ListResultsAsync(query, context.GetCaller(), context.CancellationToken);
        var response = new ListResultsResponse { NextPageToken = page.NextPageToken };
        response.Results.AddRange(page.Items.Select(r => r.ToProto(withExplanation: full)));
        return response;
    }

    public override async Task<RerunBatchResponse> RerunBatch(RerunBatchRequest request, ServerCallContext context)
        => new() { Batch = (await store.RerunAsync(request.BatchId, context.GetCaller(), context.CancellationToken)).ToProto() };

    public override async Task<CancelBatchResponse> CancelBatch(CancelBatchRequest request, ServerCallContext context)
        => new() { Batch = (await store.CancelAsync(request.BatchId, context.GetCaller(), context.CancellationToken)).ToProto() };
}
