using CccdRecon.Contracts.V1;
using Grpc.Core;

namespace CccdRecon.Server.Tests.Infrastructure;

/// <summary>Short forms of the multi-message calls the tests repeat.</summary>
public static class Calls
{
    public static async Task<ImportRecordsResponse> ImportAsync(this IServerClients server, IEnumerable<RegistryRecord> records, int perMessage = 100)
    {
        using var call = server.Registry.ImportRecords();
        await call.RequestStream.SendAllAsync(records.Chunk(perMessage).Select(chunk => new ImportRecordsRequest { Records = { chunk } }));
        return await call;
    }

    public static async Task<AddFormsResponse> AddFormsAsync(this IServerClients server, string batchId, IEnumerable<SurveyForm> forms, int perMessage = 100)
    {
        using var call = server.Batches.AddForms();
        await call.RequestStream.SendAllAsync(forms.Chunk(perMessage).Select(chunk => new AddFormsRequest { BatchId = batchId, Forms = { chunk } }));
        return await call;
    }

    /// <summary>
    /// Writes the messages and completes the stream. A server that ends the call early (refused token, a limit)
    /// makes the write fail in one of several ways; the call's own status, from its response, is what counts.
    /// </summary>
    public static async Task SendAllAsync<T>(this IClientStreamWriter<T> stream, IEnumerable<T> messages)
    {
        try
        {
            foreach (var message in messages)
            {
                await stream.WriteAsync(message);
            }
            await stream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException or OperationCanceledException)
        {
            // The response carries the status.
        }
    }

    /// <summary>Follows WatchBatch to the end and returns every update.</summary>
    public static async Task<List<Batch>> WatchToEndAsync(this IServerClients server, string batchId, TimeSpan timeout)
    {
        var updates = new List<Batch>();
        using var call = server.Batches.WatchBatch(new WatchBatchRequest { BatchId = batchId }, deadline: DateTime.UtcNow + timeout);
        await foreach (var update in call.ResponseStream.ReadAllAsync())
        {
            updates.Add(update.Batch);
        }
        return updates;
    }

    public static async Task<List<Contracts.V1.Reconciliation>> AllResultsAsync(this IServerClients server, string batchId,
        ReconciliationStatus status = ReconciliationStatus.Unspecified, int pageSize = 50)
    {
        var all = new List<Contracts.V1.Reconciliation>();
        var token = "";
        do
        {
            var page = await server.Batches.ListResultsAsync(new ListResultsRequest { BatchId = batchId, PageSize = pageSize, PageToken = token, Status = status });
            all.AddRange(page.Results);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    /// <summary>The form with the middle name dropped: the engine must flag full_name for a reviewer.</summary>
    public static SurveyForm WithoutMiddleName(this SurveyForm form)
    {
        var parts = form.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var changed = form.Clone();
        changed.FullName = $"{parts[0]} {parts[^1]}";
        return changed;
    }
}

public static class Scenarios
{
    /// <summary>A finished batch whose every form needs review (middle names dropped); returns its case summaries.</summary>
    public static async Task<(string BatchId, IReadOnlyList<ReviewCase> Cases)> ReviewBatchAsync(this IServerClients server, int firstRecord, int count,
        string unit = People.Unit)
    {
        var records = Enumerable.Range(firstRecord, count).Select(Cast.Record).ToList();
        await server.ImportAsync(records);
        var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = unit, DisplayName = $"review {firstRecord}" })).Batch;
        await server.AddFormsAsync(batch.BatchId, records.Select(r => People.FormFor(r, $"RV-{r.RecordId}").WithoutMiddleName()));
        await server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
        var done = (await server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(2)))[^1];
        Assert.Equal(count, done.ReviewCount);
        var cases = await server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, PageSize = count });
        return (batch.BatchId, cases.Cases);
    }
}
