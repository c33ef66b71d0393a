using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Registry;

/// <summary>
/// The registry's records by id, wherever they are held in memory: this process's index, or — in cluster mode, where
/// this process holds none — the <see cref="IRegistryReplica"/> (the silos' partitions). Every store that needs the
/// record a result links asks here: a batch chunk's clean records (one batched look-up per chunk), a case's record and
/// candidates, a reviewer's chosen record, GetRecord.
/// </summary>
public sealed class RegistryLookup(RegistryIndex index, IRegistryReplica? replica = null)
{
    private static readonly IReadOnlyDictionary<string, RegistryRecord> None = new Dictionary<string, RegistryRecord>(StringComparer.Ordinal);

    /// <summary>A record by id, or null when the registry holds none by that id.</summary>
    public async Task<RegistryRecord?> GetAsync(string recordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        if (replica is null) return index.Get(recordId);
        return (await replica.GetManyAsync([recordId], cancellationToken)).GetValueOrDefault(recordId);
    }

    /// <summary>The records of <paramref name="recordIds"/> the registry holds, by id (an id it does not hold is left out).</summary>
    public async Task<IReadOnlyDictionary<string, RegistryRecord>> GetManyAsync(IEnumerable<string> recordIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var ids = recordIds.ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0) return None;
        if (replica is not null) return await replica.GetManyAsync(ids, cancellationToken);
        var found = new Dictionary<string, RegistryRecord>(ids.Count, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (index.Get(id) is { } record) found[id] = record;
        }
        return found;
    }
}
