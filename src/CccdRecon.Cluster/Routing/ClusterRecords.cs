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

    /// <summary>
    /// A record by its id, or null. A record id does not say where its record lives (the residence does), so every
    /// partition holding records is asked: a dictionary look-up each, for a read made by a person.
    /// </summary>
    public async Task<RegistryRecord?> GetAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        if (await _calls.RunAsync(grains, cancellationToken) is not { } run) return null;
        var found = await _calls.FanOutAsync(grains, run.Partitions, p => p.GetAsync(recordId), cancellationToken);
        return Preferred(run.Partitions, found);
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

    /// <summary>The record found where its residence places it (one found twice just moved), else the first found.</summary>
    private RegistryRecord? Preferred(IReadOnlyList<string> partitions, RegistryRecord?[] found)
    {
        RegistryRecord? first = null;
        for (var i = 0; i < found.Length; i++)
        {
            if (found[i] is not { } record) continue;
            if (map.PartitionOf(record) == partitions[i]) return record;
            first ??= record;
        }
        return first;
    }
}
