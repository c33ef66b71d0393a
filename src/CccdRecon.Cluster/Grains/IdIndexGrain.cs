namespace CccdRecon.Cluster.Grains;

/// <summary>One bucket of the ID-number index, kept in the snapshot directory.</summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class IdIndexGrain(SnapshotStore snapshots) : Grain, IIdIndexGrain
{
    private readonly Dictionary<string, List<string>> _partitions = new(StringComparer.Ordinal);

    private string FileName => $"ids-{this.GetPrimaryKeyLong()}.jsonl";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in await snapshots.ReadAllAsync<IdEntry>(FileName, cancellationToken)) File(entry);
    }

    public async Task AddAsync(IReadOnlyList<IdEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await snapshots.AppendAsync(FileName, entries);
        foreach (var entry in entries) File(entry);
    }

    public Task<IReadOnlyList<string>> LookupAsync(string id)
        => Task.FromResult<IReadOnlyList<string>>(_partitions.TryGetValue(id, out var list) ? [.. list] : []);

    private void File(IdEntry entry)
    {
        if (!_partitions.TryGetValue(entry.Id, out var list)) _partitions[entry.Id] = list = new List<string>(1);
        if (!list.Contains(entry.Partition, StringComparer.Ordinal)) list.Add(entry.Partition);
    }
}
