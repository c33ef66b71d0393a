using CccdRecon.Cluster.Grains;
using CccdRecon.Core.Matching;

namespace CccdRecon.Cluster.Sources;

/// <summary>
/// The snapshot directory (<c>Cluster:RegistrySource=Snapshot</c>, the default): one JSON-lines file per partition and
/// per ID bucket, appended before the grain changes. A record that left a partition is written as a tombstone (its id
/// and no name: the index never holds a record without a name), so the partition reloads without it.
/// </summary>
internal sealed class SnapshotRegistrySource(SnapshotStore snapshots) : IRegistrySource
{
    public async Task<IReadOnlyList<RegistryRecord>> LoadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var lines = await snapshots.ReadAllAsync<RegistryRecord>(PartitionFile(partition), cancellationToken);
        // The last line of a record wins and keeps its first place; a tombstone removes it.
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        var records = new List<RegistryRecord?>(lines.Count);
        foreach (var line in lines)
        {
            var removed = string.IsNullOrEmpty(line.FullName);
            if (at.TryGetValue(line.RecordId, out var i))
            {
                records[i] = removed ? null : line;
                if (removed) at.Remove(line.RecordId);
            }
            else if (!removed)
            {
                at[line.RecordId] = records.Count;
                records.Add(line);
            }
        }
        return records.OfType<RegistryRecord>().ToList();
    }

    /// <summary>The lines of the partition's file: an upper bound (a replaced record or a tombstone counts too).</summary>
    public Task<long> CountAsync(string partition, CancellationToken cancellationToken) => snapshots.CountLinesAsync(PartitionFile(partition), cancellationToken);

    public Task KeepAsync(string partition, IReadOnlyList<RegistryRecord> records) => snapshots.AppendAsync(PartitionFile(partition), records);

    public Task ForgetAsync(string partition, IReadOnlyList<string> recordIds)
        => snapshots.AppendAsync(PartitionFile(partition), recordIds.Select(id => new RegistryRecord { RecordId = id, FullName = "" }));

    public async Task<IReadOnlyList<IdEntry>> LoadIdsAsync(int bucket, CancellationToken cancellationToken)
        => await snapshots.ReadAllAsync<IdEntry>(IdsFile(bucket), cancellationToken);

    public Task KeepIdsAsync(int bucket, IReadOnlyList<IdEntry> entries) => snapshots.AppendAsync(IdsFile(bucket), entries);

    private static string PartitionFile(string partition) => $"partition-{partition}.jsonl";

    private static string IdsFile(int bucket) => $"ids-{bucket}.jsonl";
}
