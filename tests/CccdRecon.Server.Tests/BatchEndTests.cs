using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using CccdRecon.Testing;
using Grpc.Core;

namespace CccdRecon.Server.Tests;

/// <summary>
/// The end of a batch and its download as an operator reads them in the log: "succeeded", and no error, lost lease or
/// query warning beside it. In 400k runs on PostgreSQL, the chunk write still in flight after the last chunk was
/// cancelled mid-transaction (the provider logged "An error occurred using a transaction") and a renewal after the last
/// chunk logged "lease lost to another instance", each in some runs; a batch this small seldom meets those races, and
/// the query warning (EF Core's, at the export) it always met.
/// </summary>
public sealed class BatchEndTests
{
    [Fact]
    public async Task A_batch_of_many_chunks_and_its_export_leave_no_error_lost_lease_or_query_warning_in_the_log()
    {
        // Small chunks, and a lease renewed every third of a second (the shortest lease allowed), so that renewals fall all through the batch.
        await using var server = await ServerProcess.StartNewAsync("Batch:ChunkSize=5", "Batch:LeaseDuration=00:00:01",
            "Batch:PollInterval=00:00:00.100", "Batch:WatchInterval=00:00:00.050");
        var records = Enumerable.Range(7000, 60).Select(Cast.Record).ToList();
        await server.ImportAsync(records);

        // Two batches one after the other: the processor works on one at a time, so once the second has succeeded the
        // first batch's run has ended, whatever it logged on its way out.
        var lastBatch = "";
        for (var run = 0; run < 2; run++)
        {
            var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
            await server.AddFormsAsync(batch.BatchId, records.Select((r, i) => People.FormFor(r, $"E{run}-{i:D3}")), perMessage: 20);
            await server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
            var done = (await server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(2)))[^1];
            Assert.Equal((BatchState.Succeeded, (long)records.Count), (done.State, done.ProcessedCount));
            lastBatch = batch.BatchId;
        }

        // The download after it: the clean records' export.
        var exported = 0;
        using (var export = server.Intake.ExportCleanRecords(new ExportCleanRecordsRequest { BatchId = lastBatch }))
        {
            await foreach (var _ in export.ResponseStream.ReadAllAsync())
            {
                exported++;
            }
        }
        Assert.True(exported > 0);

        Assert.Empty(ServerLog.Errors(server.Output));
        Assert.DoesNotContain("lease lost", server.Output, StringComparison.Ordinal);
        // Nor a query the database provider warns about ("First" without an order in the export's range query).
        Assert.DoesNotContain("warn: Microsoft.EntityFrameworkCore.Query", server.Output, StringComparison.Ordinal);
    }
}
