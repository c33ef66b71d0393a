using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;

namespace CccdRecon.Server.Tests;

/// <summary>A batch survives a hard kill of the server: on restart it completes, every form exactly once.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_batch_killed_mid_run_resumes_on_restart_with_every_form_exactly_once()
    {
        // Small chunks with a pause between them, so the kill lands mid-batch.
        var settings = new[] { "Batch:ChunkSize=7", "Batch:PauseBetweenChunks=00:00:00.150", "Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050" };
        var server = new ServerProcess(null, settings);
        await using var _ = server;
        await server.StartAsync();

        var records = Enumerable.Range(3000, 120).Select(Cast.Record).ToList();
        await server.ImportAsync(records);
        var forms = records.Select((r, i) => i % 4 == 3 ? People.FormFor(r, $"K-{i:D4}").WithoutMiddleName() : People.FormFor(r, $"K-{i:D4}"))
            .Concat(Enumerable.Range(0, 20).Select(i => People.Stranger($"K-N{i:D2}")))
            .ToList();
        var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, FormsHash = "sha256:crash" })).Batch;
        await server.AddFormsAsync(batch.BatchId, forms, perMessage: 50);
        await server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });

        // Kill as soon as some, but not all, forms are done.
        Batch seen;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        do
        {
            await Task.Delay(50);
            seen = (await server.Batches.GetBatchAsync(new GetBatchRequest { BatchId = batch.BatchId })).Batch;
        }
        while (seen.ProcessedCount == 0 && DateTime.UtcNow < deadline);
        server.Kill();
        Assert.InRange(seen.ProcessedCount, 1, forms.Count - 1);

        // Restarted on the same database with another training sample: a batch trained again would get another model.
        var restarted = new ServerProcess(server.DataDirectory, settings.Append("Batch:TrainingSample=60").ToArray());
        await using var __ = restarted;
        await restarted.StartAsync();
        var after = (await restarted.Batches.GetBatchAsync(new GetBatchRequest { BatchId = batch.BatchId })).Batch;
        Assert.True(after.ProcessedCount >= seen.ProcessedCount, "results written before the kill are kept");
        var done = (await restarted.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(2)))[^1];

        Assert.Equal(BatchState.Succeeded, done.State);
        Assert.Equal(forms.Count, done.ProcessedCount);
        Assert.Equal(forms.Count, done.CleanCount + done.ReviewCount + done.NoMatchCount + done.AmbiguousCount);
        Assert.Equal((90, 30, 20), (done.CleanCount, done.ReviewCount, done.NoMatchCount));
        var results = await restarted.AllResultsAsync(batch.BatchId, pageSize: 33);
        Assert.Equal(forms.Select(f => f.FormId).Order(), results.Select(r => r.FormId).Order());
        // One model for the whole batch, before the kill and after the restart: the one stored with the batch.
        Assert.False(string.IsNullOrEmpty(done.ModelVersion));
        Assert.Equal(done.ModelVersion, seen.ModelVersion);
        Assert.All(results, r => Assert.Equal(done.ModelVersion, r.Explanation.ModelVersion));
        var cases = await restarted.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, PageSize = 1000 });
        Assert.Equal((30, 20), (cases.Cases.Count(c => c.Kind == CaseKind.Differences), cases.Cases.Count(c => c.Kind == CaseKind.NoMatch)));
        var clean = await restarted.Intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = batch.BatchId, PageSize = 1000 });
        Assert.Equal(90, clean.CleanRecords.Select(c => c.FormId).Distinct().Count());
        Assert.Contains("resumed", restarted.Output);
    }

    [Fact]
    public async Task A_cancelled_batch_stops_and_keeps_what_it_had_written()
    {
        await using var server = await ServerProcess.StartNewAsync("Batch:ChunkSize=5", "Batch:PauseBetweenChunks=00:00:00.200", "Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");
        var records = Enumerable.Range(3500, 100).Select(Cast.Record).ToList();
        await server.ImportAsync(records);
        var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        await server.AddFormsAsync(batch.BatchId, records.Select((r, i) => People.FormFor(r, $"X-{i:D3}")));
        await server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await server.Batches.GetBatchAsync(new GetBatchRequest { BatchId = batch.BatchId })).Batch.ProcessedCount == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var cancelled = (await server.Batches.CancelBatchAsync(new CancelBatchRequest { BatchId = batch.BatchId })).Batch;
        var updates = await server.WatchToEndAsync(batch.BatchId, TimeSpan.FromSeconds(30));
        // A barrier, not a pause: the processor works one chunk at a time, so once a batch started after the cancel has
        // finished, any chunk of the cancelled batch that was being matched has been dropped or written.
        var after = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        await server.AddFormsAsync(after.BatchId, records.Take(5).Select((r, i) => People.FormFor(r, $"Y-{i:D3}")));
        await server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = after.BatchId });
        Assert.Equal(BatchState.Succeeded, (await server.WatchToEndAsync(after.BatchId, TimeSpan.FromSeconds(30)))[^1].State);
        var later = (await server.Batches.GetBatchAsync(new GetBatchRequest { BatchId = batch.BatchId })).Batch;

        Assert.Equal(BatchState.Cancelled, cancelled.State);
        Assert.Equal(BatchState.Cancelled, updates[^1].State);
        Assert.InRange(later.ProcessedCount, 1, 99);
        Assert.Equal(cancelled.ProcessedCount, later.ProcessedCount);
        Assert.Equal(later.ProcessedCount, (await server.AllResultsAsync(batch.BatchId)).Count);
    }
}
