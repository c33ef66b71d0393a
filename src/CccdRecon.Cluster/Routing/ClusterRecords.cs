using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Cluster.Routing;

/// <summary>
/// The registry's reads through the cluster (RegistryService.GetRecord and SearchRecords on a client host, which holds no
/// records). In one process these read the registry index, never the database; here the partitions are that index,
/// whichever source they load from, so the same Core code answers over the same records and the answers are one
/// process's: a record by id, and a search's hits in list order, page after page.
/// </summary>
public sealed class ClusterRecords(IGrainFactory grains, PartitionMap map, ClusterOptions options, TimeProvider time, ILogger<ClusterRecords> logger)
{
    private readonly ClusterCalls _calls = new(options, time, logger);

    /// <summary>Ids sent to a partition per call of <see cref="GetManyAsync"/> (a batch chunk's fit in one).</summary>
    public const int IdsPerCall = 5_000;

    /// <summary>A record by its id, or null (<see cref="GetManyAsync"/> of one id).</summary>
    public async Task<RegistryRecord?> GetAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        return (await GetManyAsync([recordId], cancellationToken)).GetValueOrDefault(recordId);
    }

    /// <summary>
    /// The records of <paramref name="recordIds"/> the registry holds, by id, in one batched look-up: a record id does not
    /// say where its record lives (the residence does), so every partition holding records is asked once for all the ids
    /// (in slices of <see cref="IdsPerCall"/>) and answers those it holds — a dictionary look-up each. A batch chunk costs
    /// one call per partition, not one per record. A record found twice (it just moved residence and the partition it
    /// left has not reloaded yet) is taken from the partition its residence names. Calls lost with a silo are repeated.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, RegistryRecord>> GetManyAsync(IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var found = new Dictionary<string, RegistryRecord>(recordIds.Count, StringComparer.Ordinal);
        if (recordIds.Count == 0 || await _calls.RunAsync(grains, cancellationToken) is not { } run) return found;
        foreach (var slice in recordIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerCall))
        {
            var answers = await _calls.FanOutAsync(grains, run.Partitions, p => p.GetManyAsync(slice), cancellationToken);
            for (var i = 0; i < answers.Length; i++)
            {
                foreach (var record in answers[i])
                {
                    // Found twice: where its residence places it wins over a stale copy in the partition it left.
                    if (!found.TryAdd(record.RecordId, record) && map.PartitionOf(record) == run.Partitions[i]) found[record.RecordId] = record;
                }
            }
        }
        return found;
    }

    /// <summary>
    /// The first <paramref name="limit"/> records matching <paramref name="query"/> in list order after
    /// <paramref name="afterKey"/>, over the whole registry: each partition returns its own first <paramref name="limit"/>
    /// and they are merged by their order key (name order, then record id: one order over every partition), so a page is
    /// exactly the one process's page. A query with an ID number asks only the partitions the ID index names for it.
    /// </summary>
    public async Task<IReadOnlyList<RecordHit>> SearchAsync(RecordQuery query, string? afterKey, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (await _calls.RunAsync(grains, cancellationToken) is not { } run) return [];
        IReadOnlyList<string> partitions = run.Partitions;
        if (PartitionMap.IdKey(query.PersonalId) is { } id)
        {
            var owners = await _calls.CallAsync(() => grains.GetGrain<IIdIndexGrain>(map.IdBucketOf(id)).LookupAsync(id), cancellationToken);
            partitions = run.Partitions.Where(owners.Contains).ToArray();
        }
        var pages = await _calls.FanOutAsync(grains, partitions, p => p.SearchAsync(query, afterKey, limit), cancellationToken);
        // A record that just moved residence may briefly be held twice (until the partition it left reloads).
        return pages.SelectMany((hits, i) => hits.Select(h => (Partition: partitions[i], Hit: h)))
            .GroupBy(h => h.Hit.Record.RecordId, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(h => map.PartitionOf(h.Hit.Record) == h.Partition).Hit ?? g.First().Hit)
            .OrderBy(h => h.OrderKey, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }
}
