using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using CccdRecon.Testing;
using Grpc.Core;

namespace CccdRecon.Server.Tests;

/// <summary>
/// Two server instances on one PostgreSQL database (issue 13): the registry one imports is found on the other, a batch
/// is worked on by one instance at a time, and when that instance is killed the other takes the batch over once the
/// lease lapses and finishes it, every form exactly once.
/// </summary>
public sealed class MultiInstanceTests
{
    private static string[] Settings(string instance) =>
    [
        $"Batch:InstanceId={instance}", "Batch:LeaseDuration=00:00:03", "Batch:ChunkSize=7", "Batch:PauseBetweenChunks=00:00:00.150",
        "Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050", "Batch:RegistryRefreshInterval=00:00:00.200",
    ];

    [SharedDatabaseFact]
    public async Task The_other_instance_sees_the_registry_and_finishes_a_batch_whose_instance_was_killed()
    {
        var folder = Directory.CreateTempSubdirectory("cccdrecon-shared-").FullName;
        var a = new ServerProcess(folder, Settings("instance-a"));
        var b = new ServerProcess(folder, Settings("instance-b"));
        await using var _ = a;
        await using var __ = b;
        await a.StartAsync();
        await b.StartAsync();

        // Imported on A, found on B (its index loads the other instance's registry versions).
        var records = Enumerable.Range(6000, 120).Select(Cast.Record).ToList();
        await a.ImportAsync(records);
        await FoundOnAsync(b, records[^1].RecordId);

        var forms = records.Select((r, i) => i % 4 == 3 ? People.FormFor(r, $"M-{i:D4}").WithoutMiddleName() : People.FormFor(r, $"M-{i:D4}"))
            .Concat(Enumerable.Range(0, 20).Select(i => People.Stranger($"M-N{i:D2}")))
            .ToList();
        var batch = (await a.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, FormsHash = "sha256:shared" })).Batch;
        await a.AddFormsAsync(batch.BatchId, forms, perMessage: 50);
        await b.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });

        // Kill whichever instance holds the batch as soon as some, not all, forms are done.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        Batch seen;
        do
        {
            await Task.Delay(50);
            seen = (await a.Batches.GetBatchAsync(new GetBatchRequest { BatchId = batch.BatchId })).Batch;
        }
        while (seen.ProcessedCount == 0 && DateTime.UtcNow < deadline);
        var owner = await LeaseOwnerAsync(folder, batch.BatchId);
        var (killed, survivor, survivorName) = owner == "instance-a" ? (a, b, "instance-b") : (b, a, "instance-a");
        killed.Kill();
        Assert.InRange(seen.ProcessedCount, 1, forms.Count - 1);

        var done = (await survivor.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(2)))[^1];

        Assert.Equal(BatchState.Succeeded, done.State);
        Assert.Equal(forms.Count, done.ProcessedCount);
        Assert.Equal((90, 30, 20), (done.CleanCount, done.ReviewCount, done.NoMatchCount));
        var results = await survivor.AllResultsAsync(batch.BatchId, pageSize: 33);
        Assert.Equal(forms.Select(f => f.FormId).Order(), results.Select(r => r.FormId).Order());
        var cases = await survivor.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, PageSize = 1000 });
        // Every result that needs a person is a case of its kind: the forms with differences and the strangers.
        Assert.Equal((30, 20), (cases.Cases.Count(c => c.Kind == CaseKind.Differences), cases.Cases.Count(c => c.Kind == CaseKind.NoMatch)));
        var clean = await survivor.Intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = batch.BatchId, PageSize = 1000 });
        Assert.Equal(90, clean.CleanRecords.Count);
        Assert.Contains($"taken over from instance {owner}", survivor.Output);
        Assert.NotEqual(survivorName, owner);
    }

    private static async Task FoundOnAsync(ServerProcess server, string recordId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = recordId });
                return;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<string?> LeaseOwnerAsync(string folder, string batchId)
    {
        await using var db = await TestDatabase.ConnectAsync(folder);
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT \"LeaseOwner\" FROM \"Batches\" WHERE \"Id\" = @id";
        var id = query.CreateParameter();
        id.ParameterName = "id";
        id.Value = batchId;
        query.Parameters.Add(id);
        return await query.ExecuteScalarAsync() as string;
    }
}
