using System.Text.RegularExpressions;
using CccdRecon.Contracts.Security;
using CccdRecon.Core.Access;
using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using Grpc.Core;
using CccdRecon.Testing;

namespace CccdRecon.Server.Tests;

/// <summary>A graceful stop (SIGTERM, as systemd or Kubernetes send it) of a busy server.</summary>
public sealed partial class ShutdownTests
{
    private const int ChunkSize = 1000;

    /// <summary>
    /// Chunks in the batch, with a pause between them: enough that the stop comes mid-batch. The processor matches the
    /// next chunk while the last is written, at engine speed: without the pause, a batch of this size is done before
    /// the signal (measured here: 12,000 forms before 40 calls and a SIGTERM).
    /// </summary>
    private const int Chunks = 12;

    [UnixFact]
    public async Task Sigterm_finishes_the_chunk_in_flight_keeps_every_audit_event_and_exits_0()
    {
        var server = new ServerProcess(null, $"Batch:ChunkSize={ChunkSize}", "Batch:TrainOnBatch=false", "Batch:PollInterval=00:00:00.100",
            "Batch:PauseBetweenChunks=00:00:00.500",
            "Logging:LogLevel:CccdRecon.Server.Batches=Debug", "shutdownTimeoutSeconds=60",
            // How each call and connection ended, should the watcher's end not be the one expected.
            "Logging:LogLevel:Grpc.AspNetCore.Server=Debug", "Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel=Debug");
        await using var _ = server;
        await server.StartAsync();
        var records = Enumerable.Range(20_000, Chunks * ChunkSize).Select(Cast.Record).ToList();
        await server.ImportAsync(records, perMessage: 1000);
        var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        await server.AddFormsAsync(batch.BatchId, records.Select((r, i) => i % 3 == 0 ? People.FormFor(r, $"S-{i:D5}").WithoutMiddleName() : People.FormFor(r, $"S-{i:D5}")), perMessage: 1000);
        var online = server.As("shutdown.caller", Roles.Upstream);
        var watcher = server.Batches.WatchBatch(new WatchBatchRequest { BatchId = batch.BatchId });
        await server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });

        // The second chunk is being matched while the first is written: the stop comes mid-batch with chunks in flight.
        await server.WaitForOutputAsync(log => MatchingLines(log) >= 2, TimeSpan.FromMinutes(2), "a second chunk being matched");
        // Online calls whose audit events are still queued (committed every 200 ms) when the signal comes.
        const int calls = 40;
        for (var i = 0; i < calls; i++)
        {
            await online.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = People.FormFor(records[i], $"ON-{i}") });
        }
        var exit = await server.TerminateAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exit);
        // Every chunk that was being matched was written: none abandoned half-way, and the database agrees with the log.
        var log = server.Output;
        Assert.Equal(MatchingLines(log), WrittenCounts(log).Count);
        Assert.False(log.Contains(" succeeded: ", StringComparison.Ordinal), "the batch was done before the stop came");
        Assert.Matches("stopping for shutdown after finishing the chunks in flight", log);
        long processed, results, audited;
        await using (var db = await TestDatabase.ConnectAsync(server.DataDirectory))
        {
            processed = Scalar(db, $"SELECT \"ProcessedCount\" FROM \"Batches\" WHERE \"Id\" = '{batch.BatchId}'");
            results = Scalar(db, $"SELECT count(*) FROM \"BatchResults\" WHERE \"BatchId\" = '{batch.BatchId}'");
            audited = Scalar(db, "SELECT count(*) FROM \"AuditEvents\" WHERE \"Subject\" = 'shutdown.caller' AND \"Action\" = 'reconciliation.reconcile'");
        }
        Assert.Equal(WrittenCounts(log)[^1], processed);
        Assert.Equal(processed, results);
        Assert.InRange(processed, 2 * ChunkSize, records.Count);
        Assert.Equal(calls, audited);
        // The watcher was told the server is going away (and did not hold the stop back).
        var watchEnd = await Assert.ThrowsAsync<RpcException>(async () => { await foreach (var _ in watcher.ResponseStream.ReadAllAsync()) { } });
        Assert.True(watchEnd.StatusCode == StatusCode.Unavailable,
            $"the watcher ended {watchEnd.StatusCode} ({watchEnd.Status.Detail}); the server's last lines:\n{string.Join('\n', log.Split('\n').TakeLast(40))}");
        Assert.Empty(ServerLog.Errors(log));

        // The rest resumes after a restart, from where the stop left it.
        await server.StartAsync();
        var done = (await server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(2)))[^1];
        Assert.Equal((BatchState.Succeeded, (long)records.Count), (done.State, done.ProcessedCount));
        Assert.Contains($"{processed} of {records.Count} forms already done", server.Output);
    }

    private static int MatchingLines(string log) => MatchingChunk().Count(log);

    private static List<long> WrittenCounts(string log) => ChunkWritten().Matches(log).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static long Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"matching a chunk of [1-9][0-9]* forms")]
    private static partial Regex MatchingChunk();

    [GeneratedRegex(@"chunk of [0-9]+ written, ([0-9]+) of [0-9]+ done")]
    private static partial Regex ChunkWritten();
}
