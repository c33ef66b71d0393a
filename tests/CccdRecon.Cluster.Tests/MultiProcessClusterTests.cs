using System.Collections.Concurrent;
using CccdRecon.Cluster.Routing;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// Three silo processes on loopback with Redis membership (issue 14): a stream of forms goes on while one silo is
/// killed with SIGKILL; every form is answered exactly once, each as one process holding the whole registry answers it.
/// </summary>
public sealed class MultiProcessClusterTests : IDisposable
{
    private readonly GeneratedRegistry _data = new();

    [LoopbackClusterFact]
    public async Task A_stream_of_forms_survives_kill_9_of_a_silo_with_every_answer_as_single_process()
    {
        var redis = LoopbackCluster.RequireRedis();
        await using var cluster = await LoopbackCluster.StartAsync(redis, _data.Root, silos: 3);
        var importer = cluster.Services.GetRequiredService<ClusterImporter>();
        Assert.Equal(_data.Single.Index.Count, await importer.ImportAsync(_data.Records, _data.Single.Model));
        var router = cluster.Services.GetRequiredService<ClusterReconciler>();

        var forms = _data.Forms;
        var answers = new ConcurrentDictionary<string, ConcurrentBag<Reconciliation>>(StringComparer.Ordinal);
        var done = 0;
        var killAt = forms.Count / 3;
        var killed = 0;
        await Parallel.ForEachAsync(forms, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (form, ct) =>
        {
            var result = await router.ReconcileAsync(form, cancellationToken: ct);
            answers.GetOrAdd(form.FormId, _ => []).Add(result);
            if (Interlocked.Increment(ref done) == killAt && Interlocked.Exchange(ref killed, 1) == 0)
                LoopbackCluster.Kill(cluster.Silos[1]);
        });

        Assert.Equal(1, killed);
        Assert.True(cluster.Silos[1].HasExited);
        Assert.Equal(forms.Count, answers.Count);
        Assert.All(answers, a => Assert.Single(a.Value));
        var differences = forms.Select((f, i) => GeneratedRegistry.Difference(_data.Expected[i], answers[f.FormId].Single())).OfType<string>().ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} of {forms.Count} differ: {string.Join("; ", differences.Take(10))}");

        // The killed silo's partitions live again on the two left, every record reloaded from the snapshots.
        var grains = cluster.Services.GetRequiredService<IClusterClient>();
        var run = await grains.GetGrain<Grains.IRegistryRunGrain>(Grains.RunGrainKey.Current).GetAsync();
        var counts = await Task.WhenAll(run!.Partitions.Select(p => grains.GetGrain<Grains.IRegistryPartitionGrain>(p).CountAsync()));
        Assert.Equal(_data.Single.Index.Count, counts.Sum());
        Assert.Equal(2, (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);
    }

    public void Dispose() => _data.Dispose();
}
