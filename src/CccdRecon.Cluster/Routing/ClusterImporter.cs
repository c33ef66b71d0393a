using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Registry;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Cluster.Routing;

/// <summary>
/// Loads a registry into the cluster: a whole one as a new run (<see cref="ImportAsync"/>, snapshot source), the one the
/// partitions loaded from the database (<see cref="PublishAsync"/>), or records just committed by the server into the
/// live run (<see cref="ApplyAsync"/>). Each record goes to the partition of its residence, its ID numbers to the ID
/// index, and the run (model and the whole registry's statistics) is what every partition scores with.
/// </summary>
public sealed class ClusterImporter(IGrainFactory grains, PartitionMap map, ILogger<ClusterImporter> logger)
{
    /// <summary>Records sent to a partition per call.</summary>
    public const int ChunkSize = 5_000;

    /// <summary>Partitions asked at once when the statistics are summed.</summary>
    private const int PartitionConcurrency = 8;

    /// <summary>Imports <paramref name="records"/> as the registry of a new run scored with <paramref name="model"/>. Returns the records indexed.</summary>
    public async Task<int> ImportAsync(IReadOnlyList<RegistryRecord> records, MatchModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(model);
        var statistics = new RegistryStatistics.Builder();
        var byPartition = new Dictionary<string, List<RegistryRecord>>(StringComparer.Ordinal);
        var ids = new Dictionary<int, List<IdEntry>>();
        var rejected = 0;
        foreach (var record in records)
        {
            if (!statistics.Add(record)) { rejected++; continue; }
            var partition = map.PartitionOf(record);
            if (!byPartition.TryGetValue(partition, out var list)) byPartition[partition] = list = [];
            list.Add(record);
            foreach (var id in PartitionMap.IdsOf(record))
            {
                var bucket = map.IdBucketOf(id);
                if (!ids.TryGetValue(bucket, out var entries)) ids[bucket] = entries = [];
                entries.Add(new IdEntry(id, partition));
            }
        }

        var indexed = 0;
        foreach (var (partition, list) in byPartition)
        {
            indexed += await AddAsync(partition, list, cancellationToken);
        }
        await Task.WhenAll(ids.Select(p => grains.GetGrain<IIdIndexGrain>(p.Key).AddAsync(p.Value)));

        var built = statistics.Build();
        var partitions = byPartition.Keys.Order(StringComparer.Ordinal).ToArray();
        await grains.GetGrain<IRegistryRunGrain>(RunGrainKey.Current)
            .SetAsync(new RegistryRun(ModelFile.ToJson(model), built.RecordCount, built.SharedNames, partitions));
        await Task.WhenAll(partitions.Select(p => grains.GetGrain<IRegistryPartitionGrain>(p).RefreshRunAsync()));
        Log.Imported(logger, indexed, partitions.Length, rejected);
        return indexed;
    }

    /// <summary>
    /// Database source: activates every partition the map can name (each loads its records from the registry database)
    /// and every ID bucket, sums the partitions' counts into the whole registry's statistics, and publishes the run scored
    /// with <paramref name="model"/>. Returns the records held. The name counts of the whole registry pass through this
    /// process once (a dictionary of distinct names).
    /// </summary>
    public async Task<int> PublishAsync(MatchModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var all = map.AllPartitions();
        var counts = new int[all.Count];
        var names = new Dictionary<string, int>[all.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, all.Count), new ParallelOptions { MaxDegreeOfParallelism = PartitionConcurrency, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var grain = grains.GetGrain<IRegistryPartitionGrain>(all[i]);
                counts[i] = await grain.CountAsync();
                names[i] = counts[i] == 0 ? [] : await grain.NameCountsAsync(null);
            });
        var total = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var partition in names)
            foreach (var (name, n) in partition)
                total[name] = total.GetValueOrDefault(name) + n;
        var shared = total.Where(p => p.Value >= 2).ToDictionary(StringComparer.Ordinal);
        var held = all.Where((_, i) => counts[i] > 0).ToArray();
        await grains.GetGrain<IRegistryRunGrain>(RunGrainKey.Current).SetAsync(new RegistryRun(ModelFile.ToJson(model), counts.Sum(), shared, held));
        await Task.WhenAll(all.Select(p => grains.GetGrain<IRegistryPartitionGrain>(p).RefreshRunAsync()));
        // The ID index loads at start too, not on the first form.
        await Task.WhenAll(Enumerable.Range(0, map.IdBuckets).Select(b => grains.GetGrain<IIdIndexGrain>(b).CountAsync()));
        Log.Published(logger, counts.Sum(), held.Length);
        return counts.Sum();
    }

    /// <summary>
    /// Records the server has just committed to the registry database, into the live run: each upserted into the partition
    /// of its residence (and removed from the one it left, if its residence changed), its ID numbers into the ID index,
    /// then the run's statistics moved as one index of the whole registry would move them: the record count by the new
    /// records, the count of every name the records bore before or bear now re-summed over the partitions. Callers apply
    /// one import at a time (<c>ClusterRegistryReplica</c> does), or a name's count summed by one may miss another's.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<RegistryChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;
        var run = await grains.GetGrain<IRegistryRunGrain>(RunGrainKey.Current).GetAsync()
            ?? throw new InvalidOperationException("The cluster holds no registry run yet: it is published when the server starts.");

        var added = new Dictionary<string, List<RegistryRecord>>(StringComparer.Ordinal);
        var left = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var ids = new Dictionary<int, List<IdEntry>>();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (previous, current) in changes)
        {
            var partition = map.PartitionOf(current);
            Add(added, partition, current);
            var before = previous is null ? null : map.PartitionOf(previous);
            if (before is not null && before != partition) Add(left, before, current.RecordId);
            var filed = previous is null ? [] : PartitionMap.IdsOf(previous).Select(id => (id, before)).ToHashSet();
            foreach (var id in PartitionMap.IdsOf(current))
                if (!filed.Contains((id, partition))) Add(ids, map.IdBucketOf(id), new IdEntry(id, partition));
            if (previous is not null && RegistryStatistics.NameKeyOf(previous) is { } was) touched.Add(was);
            if (RegistryStatistics.NameKeyOf(current) is { } now) touched.Add(now);
        }

        foreach (var (partition, records) in added) await AddAsync(partition, records, cancellationToken);
        await Task.WhenAll(left.Select(p => grains.GetGrain<IRegistryPartitionGrain>(p.Key).RemoveAsync(p.Value)));
        // An ID number whose record moved keeps its old entry too: the router then also asks the partition it left, which
        // finds no link there (more asked, never fewer); the entry is gone once the bucket reloads.
        await Task.WhenAll(ids.Select(p => grains.GetGrain<IIdIndexGrain>(p.Key).AddAsync(p.Value)));

        var partitions = run.Partitions.Union(added.Keys, StringComparer.Ordinal).ToArray();
        var names = touched.ToArray();
        var counts = await Task.WhenAll(partitions.Select(p => grains.GetGrain<IRegistryPartitionGrain>(p).NameCountsAsync(names)));
        var total = names.ToDictionary(n => n, n => counts.Sum(c => c.GetValueOrDefault(n)), StringComparer.Ordinal);
        var change = new RunChange(changes.Count(c => c.Previous is null), total, added.Keys.Except(run.Partitions, StringComparer.Ordinal).ToArray());
        await grains.GetGrain<IRegistryRunGrain>(RunGrainKey.Current).UpdateAsync(change);
        await Task.WhenAll(partitions.Select(p => grains.GetGrain<IRegistryPartitionGrain>(p).RefreshRunAsync()));
        Log.Applied(logger, changes.Count, change.RecordDelta, added.Count, left.Count);
    }

    /// <summary>
    /// Sends a partition its records in chunks, announcing how many (a partition activated by the first chunk is placed
    /// for all of them: <see cref="Placement.MemoryBudgetPlacementDirector.RecordsHint"/>).
    /// </summary>
    private async Task<int> AddAsync(string partition, List<RegistryRecord> records, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IRegistryPartitionGrain>(partition);
        var indexed = 0;
        for (var i = 0; i < records.Count; i += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RequestContext.Set(Placement.MemoryBudgetPlacementDirector.RecordsHint, (long)records.Count);
            try
            {
                indexed += await grain.AddAsync(records.GetRange(i, Math.Min(ChunkSize, records.Count - i)));
            }
            finally
            {
                RequestContext.Remove(Placement.MemoryBudgetPlacementDirector.RecordsHint);
            }
        }
        return indexed;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> lists, TKey key, TValue value) where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
        list.Add(value);
    }
}
