using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using Grpc.Core;

namespace CccdRecon.Server.Tests;

/// <summary>
/// Expected conflicts (issue 12, point 13): a writer that loses a race is told ABORTED and may retry, nothing of its
/// message is kept, and the server logs no error for it. Only a unique key taken first is such a conflict.
/// </summary>
public sealed class ConflictTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private const int Streams = 4;
    private const int FormsPerRound = 300;
    private const int MaxRounds = 25;

    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Concurrent_uploads_of_the_same_forms_abort_the_losers_keep_each_form_once_and_log_no_error()
    {
        var logged = Server.Output.Length;
        var batch = (await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, DisplayName = "concurrent uploads" })).Batch;
        var aborted = 0;
        var rounds = 0;
        // Several streams send the same forms at once until one of them loses a race (each round usually has one).
        while (aborted == 0 && rounds < MaxRounds)
        {
            var forms = Enumerable.Range(0, FormsPerRound).Select(i => People.Stranger($"CC-{rounds}-{i}")).ToList();
            rounds++;
            using var go = new ManualResetEventSlim();
            var uploads = Enumerable.Range(0, Streams).Select(_ => Task.Run(async () =>
            {
                go.Wait();
                try
                {
                    var response = await Server.AddFormsAsync(batch.BatchId, forms, perMessage: FormsPerRound);
                    return (code: StatusCode.OK, reason: "", response.AddedCount, response.DuplicateCount);
                }
                catch (RpcException ex)
                {
                    return (code: ex.StatusCode, reason: ex.GetRpcStatus()?.Reason() ?? "", AddedCount: 0L, DuplicateCount: 0L);
                }
            })).ToArray();
            go.Set();
            var outcomes = await Task.WhenAll(uploads);

            // Exactly one upload added the round's forms; the others saw them as duplicates or lost the race.
            Assert.Equal(FormsPerRound, outcomes.Sum(o => o.AddedCount));
            Assert.All(outcomes.Where(o => o.code != StatusCode.OK), o =>
            {
                Assert.Equal(StatusCode.Aborted, o.code);
                Assert.Equal("CONCURRENT_ADD", o.reason);
            });
            aborted += outcomes.Count(o => o.code == StatusCode.Aborted);
        }

        Assert.True(aborted > 0, $"no upload raced in {rounds} rounds: every loser arrived after the winner had committed");
        var stored = (await Server.Batches.GetBatchAsync(new GetBatchRequest { BatchId = batch.BatchId })).Batch;
        Assert.Equal((long)FormsPerRound * rounds, stored.FormCount);
        Assert.Empty(ServerLog.Errors(Server.Output[logged..]));
    }

    [Fact]
    public async Task Concurrent_imports_of_the_same_records_all_succeed_keep_each_record_once_and_log_no_error()
    {
        // Found by the soak (bench/soak): two batch runs sharing a registry import it at once, and the loser of an insert
        // race failed with a UNIQUE-constraint stack trace. An import is an upsert: the loser writes again, as an update.
        var logged = Server.Output.Length;
        for (var round = 0; round < 6; round++)
        {
            var records = Enumerable.Range(60_000 + (round * 200), 200).Select(Cast.Record).ToList();
            using var go = new ManualResetEventSlim();
            var imports = Enumerable.Range(0, Streams).Select(_ => Task.Run(async () =>
            {
                go.Wait();
                var response = await Server.ImportAsync(records, perMessage: 200);
                return response.ImportedCount + response.UpdatedCount;
            })).ToArray();
            go.Set();

            Assert.All(await Task.WhenAll(imports), n => Assert.Equal(200L, n));
            Assert.Equal(records[^1].FullName, (await Server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = records[^1].RecordId })).Record.FullName);
        }
        Assert.Empty(ServerLog.Errors(Server.Output[logged..]));
    }
}
