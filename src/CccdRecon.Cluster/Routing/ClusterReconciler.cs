using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Cluster.Routing;

/// <summary>
/// Reconciles a form through the cluster (issue 14), holding no registry itself:
/// <list type="number">
/// <item>a form with an ID number goes first to the partitions the ID index names for it;</item>
/// <item>then to its home (<see cref="PartitionMap.HomeOf"/>: the collecting unit's province, or its residence's);</item>
/// <item>a form linked nowhere so far fans out to every other partition holding records, on its tight fields only
/// (name, date of birth, gender: <see cref="IRegistryPartitionGrain.ReconcileIfTightAsync"/>), capped.</item>
/// </list>
/// Every partition scores with the run's model and the whole registry's statistics, so a form whose candidates all
/// live in one partition gets exactly the single-process result. Calls lost with a silo are repeated (a
/// reconciliation reads only) until the partition is active again elsewhere.
/// </summary>
public sealed class ClusterReconciler(IGrainFactory grains, PartitionMap map, ClusterOptions options, TimeProvider time, ILogger<ClusterReconciler> logger)
{
    /// <summary>How long the run (its partitions) is cached: another server's import shows here within this.</summary>
    public static readonly TimeSpan RunCacheTime = TimeSpan.FromSeconds(5);

    private readonly ClusterCalls _calls = new(options, time, logger);
    private (RegistryRun Run, long ReadAt)? _run;

    /// <summary>Forgets the cached run (after an import).</summary>
    public void Refresh() => _run = null;

    private async Task<RegistryRun> RunAsync(CancellationToken cancellationToken)
    {
        if (_run is { } cached && time.GetElapsedTime(cached.ReadAt) < RunCacheTime) return cached.Run;
        var run = await _calls.RunAsync(grains, cancellationToken)
            ?? throw new InvalidOperationException("The cluster holds no registry yet: import one first.");
        _run = (run, time.GetTimestamp());
        return run;
    }

    public async Task<Reconciliation> ReconcileAsync(SurveyForm form, string? unitProvince = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var run = await RunAsync(cancellationToken);
        var consulted = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<Reconciliation>(2);

        if (PartitionMap.IdOf(form) is { } id)
        {
            var owners = await CallAsync(() => grains.GetGrain<IIdIndexGrain>(map.IdBucketOf(id)).LookupAsync(id), cancellationToken);
            await AskAsync(owners, form, consulted, results, cancellationToken);
            if (results.Any(Linked)) return ResultMerge.Of(form, results);
        }

        await AskAsync(map.HomeOf(form, unitProvince).Where(run.Partitions.Contains), form, consulted, results, cancellationToken);
        if (results.Any(Linked)) return ResultMerge.Of(form, results);

        var others = run.Partitions.Where(p => !consulted.Contains(p)).Take(options.FanOutMaxPartitions).ToArray();
        var found = await _calls.FanOutAsync(grains, others, p => p.ReconcileIfTightAsync(form), cancellationToken);
        foreach (var r in found)
            if (r is not null) results.Add(r);

        if (results.Count == 0)
        {
            // Neither an ID, a home nor a tight key led anywhere: the registry's answer is "no such person", scored as
            // in any partition (the fan-out's first partition holds the same model and statistics).
            var any = run.Partitions.Count > 0 ? run.Partitions[0] : PartitionMap.UnplacedPartition;
            results.Add(await CallAsync(() => grains.GetGrain<IRegistryPartitionGrain>(any).ReconcileAsync(form), cancellationToken));
        }
        return ResultMerge.Of(form, results);
    }

    /// <summary>The version of the model every partition scores with (the run's).</summary>
    public async Task<string> ModelVersionAsync(CancellationToken cancellationToken = default)
    {
        var run = await RunAsync(cancellationToken);
        if (_model is { } cached && ReferenceEquals(cached.Run, run)) return cached.Version;
        var version = ModelFile.FromJson(run.ModelJson).Version;
        _model = (run, version);
        return version;
    }

    private (RegistryRun Run, string Version)? _model;

    /// <summary>
    /// A chunk of a batch (the server's batch processor in cluster mode): every form routed as <see cref="ReconcileAsync"/>
    /// routes it, at most <see cref="ClusterOptions.BatchConcurrency"/> at once; answers in the order of the forms. A call
    /// lost with a silo is repeated like any other, so each form is answered once.
    /// </summary>
    public async Task<Reconciliation[]> ReconcileManyAsync(IReadOnlyList<SurveyForm> forms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forms);
        var results = new Reconciliation[forms.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, forms.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.BatchConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await ReconcileAsync(forms[i], cancellationToken: ct));
        return results;
    }

    private async Task AskAsync(IEnumerable<string> partitions, SurveyForm form, HashSet<string> consulted, List<Reconciliation> results, CancellationToken cancellationToken)
    {
        var asked = partitions.Where(consulted.Add).ToArray();
        var answers = await Task.WhenAll(asked.Select(p => CallAsync(() => grains.GetGrain<IRegistryPartitionGrain>(p).ReconcileAsync(form), cancellationToken)));
        results.AddRange(answers);
    }

    internal static bool Linked(Reconciliation r) => r.Status is MatchStatus.Clean or MatchStatus.Review;

    private Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) => _calls.CallAsync(call, cancellationToken);
}
