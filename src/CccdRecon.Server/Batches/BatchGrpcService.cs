using CccdRecon.Contracts.V1;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Mapping;
using CccdRecon.Server.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Batches;

/// <summary>gRPC face of persistent batch runs.</summary>
internal sealed class BatchGrpcService(BatchStore store, IOptions<BatchOptions> options, TimeProvider time) : BatchService.BatchServiceBase
{
    public override async Task<CreateBatchResponse> CreateBatch(CreateBatchRequest request, ServerCallContext context)
        => new() { Batch = (await store.CreateAsync(request, Caller.Of(context), context.CancellationToken)).ToProto() };

    public override async Task<AddFormsResponse> AddForms(IAsyncStreamReader<AddFormsRequest> requestStream, ServerCallContext context)
    {
        var tally = new BatchStore.AddTally();
        var caller = Caller.Of(context);
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await store.AddFormsAsync(message, tally, caller, context.CancellationToken);
        }
        if (tally.BatchId is null)
        {
            throw Errors.RpcErrors.InvalidArgument("batch_id", "is required");
        }
        tally.Response.Batch ??= (await store.GetAsync(tally.BatchId, context.CancellationToken)).ToProto();
        return tally.Response;
    }

    public override async Task<StartBatchResponse> StartBatch(StartBatchRequest request, ServerCallContext context)
        => new() { Batch = (await store.StartAsync(request.BatchId, Caller.Of(context), context.CancellationToken)).ToProto() };

    public override async Task<GetBatchResponse> GetBatch(GetBatchRequest request, ServerCallContext context)
        => new() { Batch = (await store.GetAsync(request.BatchId, context.CancellationToken)).ToProto() };

    public override async Task<ListBatchesResponse> ListBatches(ListBatchesRequest request, ServerCallContext context)
    {
        var page = await store.ListAsync(request, context.CancellationToken);
        var response = new ListBatchesResponse { NextPageToken = page.NextPageToken };
        response.Batches.AddRange(page.Items.Select(b => b.ToProto()));
        return response;
    }

    /// <summary>Sends the batch now and on every change, and ends when the batch is finished.</summary>
    public override async Task WatchBatch(WatchBatchRequest request, IServerStreamWriter<WatchBatchResponse> responseStream, ServerCallContext context)
    {
        Batch? last = null;
        while (true)
        {
            var batch = (await store.GetAsync(request.BatchId, context.CancellationToken)).ToProto();
            if (!batch.Equals(last))
            {
                await responseStream.WriteAsync(new WatchBatchResponse { Batch = batch }, context.CancellationToken);
                last = batch;
            }
            if (batch.State is BatchState.Succeeded or BatchState.Cancelled)
            {
                return;
            }
            await Task.Delay(options.Value.WatchInterval, time, context.CancellationToken);
        }
    }

    public override async Task<ListResultsResponse> ListResults(ListResultsRequest request, ServerCallContext context)
    {
        var page = await store.ListResultsAsync(request, Caller.Of(context), context.CancellationToken);
        var response = new ListResultsResponse { NextPageToken = page.NextPageToken };
        response.Results.AddRange(page.Items.Select(r => r.ToProto()));
        return response;
    }

    public override async Task<CancelBatchResponse> CancelBatch(CancelBatchRequest request, ServerCallContext context)
        => new() { Batch = (await store.CancelAsync(request.BatchId, Caller.Of(context), context.CancellationToken)).ToProto() };
}
