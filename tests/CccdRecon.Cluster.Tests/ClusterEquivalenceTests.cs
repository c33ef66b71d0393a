using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Core.Matching;

namespace CccdRecon.Cluster.Tests;

/// <summary>The cluster answers every form as one process holding the whole registry does (issue 14).</summary>
[Collection(InProcessClusterCollection.Name)]
public sealed class ClusterEquivalenceTests(InProcessCluster cluster)
{
    [Fact]
    public async Task Every_form_gets_the_single_process_result()
    {
        var forms = cluster.Data.Forms;
        var actual = new Reconciliation[forms.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, forms.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => actual[i] = await cluster.Router.ReconcileAsync(forms[i], cancellationToken: ct));
        var differences = forms.Select((f, i) => GeneratedRegistry.Difference(cluster.Data.Expected[i], actual[i])).OfType<string>().ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} of {forms.Count} differ: {string.Join("; ", differences.Take(10))}");
        // The data exercise the cluster: links, flags and absent people all occur.
        Assert.Contains(actual, r => r.Status == MatchStatus.Clean);
        Assert.Contains(actual, r => r.Status == MatchStatus.Review);
        Assert.Contains(actual, r => r.Status == MatchStatus.NoMatch);
    }

    [Fact]
    public async Task The_registry_is_spread_over_residence_partitions_that_hold_every_record_once()
    {
        var run = await cluster.Cluster.GrainFactory.GetGrain<IRegistryRunGrain>(RunGrainKey.Current).GetAsync();
        Assert.NotNull(run);
        Assert.True(run.Partitions.Count >= 8, $"only {run.Partitions.Count} partitions");
        var counts = await Task.WhenAll(run.Partitions.Select(p => cluster.Cluster.GrainFactory.GetGrain<IRegistryPartitionGrain>(p).CountAsync()));
        Assert.Equal(cluster.Data.Single.Index.Count, counts.Sum());
        Assert.Equal(cluster.Data.Single.Index.Count, run.RecordCount);
        var map = new PartitionMap(cluster.Options);
        Assert.All(run.Partitions, p => Assert.Contains(p, map.AllPartitions()));
    }

    [Fact]
    public async Task A_form_living_elsewhere_is_found_by_its_id_number_and_without_one_by_the_fan_out()
    {
        var data = cluster.Data;
        var (form, expected) = data.Forms.Zip(data.Expected).First(p => p.Second.Status == MatchStatus.Clean && !string.IsNullOrEmpty(p.First.PersonalId));
        var map = new PartitionMap(cluster.Options);
        var owner = map.PartitionOf(data.Single.Index.Get(expected.RecordId!)!);
        // Collected by a unit of another province than the one the person is registered in.
        var elsewhere = Core.Places.AdministrativeMap.CurrentProvinces.First(p => !owner.StartsWith(p.AdministrativeCode, StringComparison.Ordinal)).Name;
        Assert.DoesNotContain(owner, map.HomeOf(form, elsewhere));

        var byId = await cluster.Router.ReconcileAsync(form, elsewhere);
        Assert.Equal(expected.RecordId, byId.RecordId);
        var withoutId = await cluster.Router.ReconcileAsync(form with { PersonalId = null }, elsewhere);
        Assert.Equal(data.Single.Reconcile(form with { PersonalId = null }).RecordId, withoutId.RecordId);
        Assert.NotNull(withoutId.RecordId);
    }
}
