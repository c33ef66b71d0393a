using CccdRecon.Cluster.Sources;

namespace CccdRecon.Cluster.Grains;

/// <summary>One bucket of the ID-number index, loaded from and kept in its <see cref="IRegistrySource"/>.</summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class IdIndexGrain(IRegistrySource source) : Grain, IIdIndexGrain
{
    private readonly Dictionary<string, List<string>> _partitions = new(StringComparer.Ordinal);

    private int Bucket => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in await source.LoadIdsAsync(Bucket, cancellationToken)) File(entry);
    }

    public async Task AddAsync(IReadOnlyList<IdEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await source.KeepIdsAsync(Bucket, entries);
        foreach (var entry in entries) File(entry);
    }

    public Task<IReadOnlyList<string>> LookupAsync(string id)
        => Task.FromResult<IReadOnlyList<string>>(_partitions.TryGetValue(id, out var list) ? [.. list] : []);

    public Task<int> CountAsync() => Task.FromResult(_partitions.Count);

    private void File(IdEntry entry)
    {
        if (!_partitions.TryGetValue(entry.Id, out var list)) _partitions[entry.Id] = list = new List<string>(1);
        if (!list.Contains(entry.Partition, StringComparer.Ordinal)) list.Add(entry.Partition);
    }
}
