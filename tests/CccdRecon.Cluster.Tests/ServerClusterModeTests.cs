using System.Diagnostics;
using CccdRecon.Contracts.V1;
using CccdRecon.Core.Access;
using Grpc.Core;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// The gRPC server with <c>Cluster:Enabled=true</c> is an Orleans client holding no registry: a registry imported
/// into the silos with <c>CccdRecon.Silo import</c> answers forms sent to the server over gRPC, and the registry's reads
/// (GetRecord, SearchRecords), and a batch's clean records and review, as one process would.
/// </summary>
public sealed class ServerClusterModeTests : IDisposable
{
    private const string Unit = "01";

    private readonly GeneratedRegistry _data = new();

    [LoopbackClusterFact]
    public async Task The_server_in_cluster_mode_answers_forms_and_registry_reads_through_the_silos_as_a_single_process_does()
    {
        var redis = LoopbackCluster.RequireRedis();
        await using var cluster = await LoopbackCluster.StartAsync(redis, _data.Root, silos: 2);
        var settings = new[]
        {
            $"--Cluster:ClusterId={cluster.Options.ClusterId}",
            $"--Cluster:MembershipConnectionString={cluster.Options.MembershipConnectionString}",
        };

        // The import command, as a user runs it.
        var import = await RunAsync("dotnet", [LoopbackCluster.SiloAssembly(), "import", Path.Combine(_data.Root, "data", "registry.csv"), .. settings]);
        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains($"imported {_data.Single.Index.Count} of {_data.Records.Count} registry records", import.Output, StringComparison.Ordinal);

        var work = Directory.CreateDirectory(Path.Combine(_data.Root, "server")).FullName;
        await using var server = await LoopbackServer.StartAsync(work,
            [$"--ConnectionStrings:Recon=Data Source={Path.Combine(work, "recon.db")}", "--Cluster:Enabled=true", .. settings], [Roles.Upstream, Roles.Registry, Roles.Batch], [Unit]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var client = new ReconciliationService.ReconciliationServiceClient(server.Channel);

        var forms = _data.Forms.Take(300).ToList();
        ReconcileResponse? first = null;
        while (first is null)
        {
            try { first = await client.ReconcileAsync(new ReconcileRequest { Form = forms[0].ToProto() }, cancellationToken: timeout.Token); }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable) { await Task.Delay(200, timeout.Token); }
        }
        Assert.Null(GeneratedRegistry.Difference(_data.Expected[0], first.Reconciliation.ToDomain()));

        using var stream = client.ReconcileStream(cancellationToken: timeout.Token);
        var reading = Task.Run(async () =>
        {
            var answers = new List<ReconcileStreamResponse>();
            await foreach (var r in stream.ResponseStream.ReadAllAsync(timeout.Token)) answers.Add(r);
            return answers;
        });
        foreach (var form in forms) await stream.RequestStream.WriteAsync(new ReconcileStreamRequest { Form = form.ToProto() }, timeout.Token);
        await stream.RequestStream.CompleteAsync();
        var answers = await reading;

        Assert.Equal(forms.Count, answers.Count);
        Assert.All(answers, a => Assert.Null(a.Error));
        var byId = answers.ToDictionary(a => a.FormId, a => a.Reconciliation.ToDomain());
        var differences = forms.Select((f, i) => GeneratedRegistry.Difference(_data.Expected[i], byId[f.FormId])).OfType<string>().ToList();
        Assert.True(differences.Count == 0, string.Join("; ", differences.Take(10)));

        // The registry's reads, from the silos (the server holds no records).
        await RegistryReads.AssertAsSingleProcessAsync(server.Channel, _data, timeout.Token);

        // A batch of the same forms through the server's batch processor: the clean records and a reviewer's choice of
        // a record are composed from records only the silos hold (the server's database holds no registry here).
        var batchId = await ServerBatches.StartAsync(server.Channel, Unit, forms, timeout.Token);
        await ServerBatches.WaitForSuccessAsync(server.Channel, batchId, timeout.Token);
        using var reviewer = server.ChannelFor([Roles.Reviewer, Roles.Intake], [Unit]);
        await IntakeAndReview.AssertCleanRecordsAsSingleProcessAsync(reviewer, _data, forms.Count, batchId, timeout.Token);
        await IntakeAndReview.AssertChoosingARecordLinksItAsync(reviewer, _data, batchId, timeout.Token);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => _data.Dispose();
}
