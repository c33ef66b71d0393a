using CccdRecon.Contracts.V1;
using CccdRecon.Core.Access;
using CccdRecon.Testing;
using Grpc.Core;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// The server in cluster mode over its own database (issue 14, <c>Cluster:RegistrySource=Database</c>; SQLite here,
/// PostgreSQL in CccdRecon.Cluster.Tests.PostgreSql), three silo processes reading that database: a registry imported through the server's RegistryService reaches the silos, and a
/// batch run by the server's batch processor goes through the cluster while one silo is killed with SIGKILL — every form
/// answered exactly once, each as one process holding the whole registry answers it; then the registry's reads
/// (GetRecord, SearchRecords) answer from the silos as that process does, and so do the batch's clean records and a
/// reviewer's choice of a record, which the server composes from records it does not hold.
/// </summary>
public sealed class ServerDatabaseModeTests : IDisposable
{
    private const string Unit = "01";

    private readonly GeneratedRegistry _data = new();

    [LoopbackClusterFact]
    public async Task Imports_a_batch_and_reads_go_through_the_silos_and_survive_kill_9_with_single_process_results()
    {
        var redis = LoopbackCluster.RequireRedis();
        var work = Directory.CreateDirectory(Path.Combine(_data.Root, "server")).FullName;
        // The server's database, SQLite or PostgreSQL by the build (tests/Shared/TestDatabase.cs); the silos read it.
        string[] database = ["--Cluster:RegistrySource=Database", $"--Database:Provider={TestDatabase.Provider}",
            $"--ConnectionStrings:Recon={await TestDatabase.ConnectionStringAsync(work)}"];
        await using var cluster = await LoopbackCluster.StartAsync(redis, _data.Root, silos: 3, database);
        await using var server = await LoopbackServer.StartAsync(work,
            [
                "--Cluster:Enabled=true",
                $"--Cluster:ClusterId={cluster.Options.ClusterId}",
                $"--Cluster:MembershipConnectionString={cluster.Options.MembershipConnectionString}",
                .. database,
                // Small chunks, so that the kill lands in the middle of the batch; no training (the cluster scores with the run's model).
                "--Batch:ChunkSize=100",
                "--Batch:TrainOnBatch=false",
            ],
            [Roles.Registry, Roles.Batch], [Unit]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        // The registry through the server: committed to its database, then into the silos.
        var registry = new RegistryService.RegistryServiceClient(server.Channel);
        using (var import = registry.ImportRecords(cancellationToken: timeout.Token))
        {
            foreach (var chunk in _data.Records.Chunk(500))
            {
                var message = new ImportRecordsRequest();
                message.Records.AddRange(chunk.Select(r => r.ToProto()));
                await import.RequestStream.WriteAsync(message, timeout.Token);
            }
            await import.RequestStream.CompleteAsync();
            var imported = await import;
            Assert.Equal(_data.Single.Index.Count, imported.ImportedCount);
        }

        // A batch of every form, a silo killed once a third is written.
        var batchId = await ServerBatches.StartAsync(server.Channel, Unit, _data.Forms, timeout.Token);
        var killed = false;
        await ServerBatches.WaitForSuccessAsync(server.Channel, batchId, timeout.Token, progress =>
        {
            if (killed || progress.ProcessedCount < progress.FormCount / 3) return;
            Assert.True(progress.ProcessedCount < progress.FormCount, "the batch finished before the kill");
            LoopbackCluster.Kill(cluster.Silos[1]);
            killed = true;
        });
        Assert.True(killed && cluster.Silos[1].HasExited);

        var byForm = await ServerBatches.ResultsAsync(server.Channel, batchId, timeout.Token);
        Assert.Equal(_data.Forms.Count, byForm.Count);
        var differences = _data.Forms.Select((f, i) => GeneratedRegistry.Difference(_data.Expected[i], byForm[f.FormId])).OfType<string>().ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} of {_data.Forms.Count} differ: {string.Join("; ", differences.Take(10))}");

        // What the batch leaves for intake and review, composed from records only the silos hold.
        using var reviewer = server.ChannelFor([Roles.Reviewer, Roles.Intake], [Unit]);
        await IntakeAndReview.AssertCleanRecordsAsSingleProcessAsync(reviewer, _data, _data.Forms.Count, batchId, timeout.Token);
        await IntakeAndReview.AssertChoosingARecordLinksItAsync(reviewer, _data, batchId, timeout.Token);

        // The registry's reads after the kill: from the partitions, the dead silo's reloaded from the database elsewhere.
        await RegistryReads.AssertAsSingleProcessAsync(server.Channel, _data, timeout.Token);
    }

    public void Dispose()
    {
        TestDatabase.DropAsync(Path.Combine(_data.Root, "server")).GetAwaiter().GetResult();
        _data.Dispose();
    }
}
