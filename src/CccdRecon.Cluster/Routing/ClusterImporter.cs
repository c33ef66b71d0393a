using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Cluster.Routing;

/// <summary>
/// Loads a whole registry into the cluster: each record into the partition of its residence, its ID numbers into the
/// ID index, then the run (model and the whole registry's statistics) that every partition scores with.
/// </summary>
public sealed class ClusterImporter(IGrainFactory grains, PartitionMap map, ILogger<ClusterImporter> logger)
{
    /// <summary>Records sent to a partition per call.</summary>
    public const int ChunkSize = 5_000;

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
            var grain = grains.GetGrain<IRegistryPartitionGrain>(partition);
            for (var i = 0; i < list.Count; i += ChunkSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                indexed += await grain.AddAsync(list.GetRange(i, Math.Min(ChunkSize, list.Count - i)));
            }
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
}
