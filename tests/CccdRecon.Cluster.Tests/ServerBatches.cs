using CccdRecon.Contracts.V1;
using Grpc.Net.Client;
using Domain = CccdRecon.Core.Matching;

namespace CccdRecon.Cluster.Tests;

/// <summary>A batch run by a server's batch processor over gRPC, as a client runs one: created, filled, started, watched, read.</summary>
internal static class ServerBatches
{
    /// <summary>Creates a batch of <paramref name="forms"/> for <paramref name="unit"/> and starts it; returns its id.</summary>
    public static async Task<string> StartAsync(GrpcChannel channel, string unit, IReadOnlyList<Domain.SurveyForm> forms, CancellationToken cancellationToken)
    {
        var batches = new BatchService.BatchServiceClient(channel);
        var batch = (await batches.CreateBatchAsync(new CreateBatchRequest { Unit = unit, DisplayName = "cluster" }, cancellationToken: cancellationToken)).Batch;
        using (var add = batches.AddForms(cancellationToken: cancellationToken))
        {
            foreach (var chunk in forms.Chunk(500))
            {
                var message = new AddFormsRequest { BatchId = batch.BatchId };
                message.Forms.AddRange(chunk.Select(f => f.ToProto()));
                await add.RequestStream.WriteAsync(message, cancellationToken);
            }
            await add.RequestStream.CompleteAsync();
            await add;
        }
        await batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId }, cancellationToken: cancellationToken);
        return batch.BatchId;
    }

    /// <summary>Polls the batch until it ends (<paramref name="progress"/> sees each state read); asserts it succeeded with every form processed.</summary>
    public static async Task WaitForSuccessAsync(GrpcChannel channel, string batchId, CancellationToken cancellationToken, Action<Batch>? progress = null)
    {
        var batches = new BatchService.BatchServiceClient(channel);
        while (true)
        {
            var batch = (await batches.GetBatchAsync(new GetBatchRequest { BatchId = batchId }, cancellationToken: cancellationToken)).Batch;
            progress?.Invoke(batch);
            if (batch.State is BatchState.Succeeded or BatchState.Cancelled)
            {
                Assert.Equal(BatchState.Succeeded, batch.State);
                Assert.Equal(batch.FormCount, batch.ProcessedCount);
                return;
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Every result of the batch, by form id (asserting one per form).</summary>
    public static async Task<Dictionary<string, Domain.Reconciliation>> ResultsAsync(GrpcChannel channel, string batchId, CancellationToken cancellationToken)
    {
        var batches = new BatchService.BatchServiceClient(channel);
        var results = new List<Reconciliation>();
        var token = "";
        do
        {
            var page = await batches.ListResultsAsync(new ListResultsRequest { BatchId = batchId, PageSize = 500, PageToken = token }, cancellationToken: cancellationToken);
            results.AddRange(page.Results);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return results.GroupBy(r => r.FormId).ToDictionary(g => g.Key, g => Assert.Single(g).ToDomain());
    }
}
