using CccdRecon.Cluster.Grains;

namespace CccdRecon.Cluster.Placement;

/// <summary>
/// The memory each silo has promised to the partitions placed on it (one grain, key 0): placement decisions pass through
/// it one at a time, so two partitions activated at once cannot both take the last room on a silo. Kept in the snapshot
/// directory, so a ledger reactivated after a crash still knows what the live silos hold.
/// </summary>
public interface IPlacementLedgerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Reserves <paramref name="bytes"/> for <paramref name="partition"/> on the candidate with the most room left after it
    /// (replacing the partition's earlier reservation; forgetting those on silos no longer among the candidates), or
    /// returns null, reserving nothing, when no candidate has the room.
    /// </summary>
    Task<SiloAddress?> ReserveAsync(string partition, long bytes, IReadOnlyList<SiloBudget> candidates);

    /// <summary>
    /// Sets a placed partition's reservation to its size now (it grew by an import); false when its silo's budget no
    /// longer holds what is placed there, and the partition should move.
    /// </summary>
    Task<bool> ResizeAsync(string partition, long bytes);

    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<PartitionPlacement>> PlacementsAsync();
}

[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class PlacementLedgerGrain(SnapshotStore snapshots) : Grain, IPlacementLedgerGrain
{
    private const string FileName = "placement.json";
    private readonly Dictionary<string, (SiloAddress Silo, long Bytes)> _held = new(StringComparer.Ordinal);
    // The budgets the silos announced at their last placement (a ledger reactivated learns them again at the next one).
    private readonly Dictionary<SiloAddress, long> _budgets = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (partition, silo, bytes) in await snapshots.ReadAsync<List<Kept>>(FileName, cancellationToken) ?? [])
            _held[partition] = (SiloAddress.FromParsableString(silo), bytes);
    }

    public async Task<SiloAddress?> ReserveAsync(string partition, long bytes, IReadOnlyList<SiloBudget> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var live = candidates.Select(c => c.Silo).ToHashSet();
        foreach (var c in candidates) _budgets[c.Silo] = c.BudgetBytes;
        _held.Remove(partition);
        foreach (var gone in _held.Where(p => !live.Contains(p.Value.Silo)).Select(p => p.Key).ToList()) _held.Remove(gone);
        var best = candidates
            .Select(c => (c.Silo, Room: c.BudgetBytes - _held.Values.Where(h => h.Silo.Equals(c.Silo)).Sum(h => h.Bytes) - bytes))
            .Where(c => c.Room >= 0)
            .OrderByDescending(c => c.Room).ThenBy(c => c.Silo.ToParsableString(), StringComparer.Ordinal)
            .Select(c => c.Silo).FirstOrDefault();
        if (best is not null) _held[partition] = (best, bytes);
        await KeepAsync();
        return best;
    }

    public async Task<bool> ResizeAsync(string partition, long bytes)
    {
        if (!_held.TryGetValue(partition, out var held)) return true;
        _held[partition] = (held.Silo, bytes);
        await KeepAsync();
        return !_budgets.TryGetValue(held.Silo, out var budget) || _held.Values.Where(h => h.Silo.Equals(held.Silo)).Sum(h => h.Bytes) <= budget;
    }

    private Task KeepAsync() => snapshots.WriteAsync(FileName, _held.Select(p => new Kept(p.Key, p.Value.Silo.ToParsableString(), p.Value.Bytes)).ToList());

    public Task<IReadOnlyList<PartitionPlacement>> PlacementsAsync()
        => Task.FromResult<IReadOnlyList<PartitionPlacement>>(_held.Select(p => new PartitionPlacement(p.Key, p.Value.Silo, p.Value.Bytes)).ToList());

    private sealed record Kept(string Partition, string Silo, long Bytes);
}
