using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Registry;

namespace CccdRecon.Cluster.Sources;

/// <summary>
/// The registry database the server stores (<c>Cluster:RegistrySource=Database</c>): a partition reads the records of
/// its province of residence by the indexed <c>ResidenceProvince</c> column (a commune bucket keeps those of its
/// bucket); an ID bucket reads every record's ID numbers. Nothing is kept here: the server commits each import to the
/// database before it sends it to the grains, so a grain activated later finds it there.
/// </summary>
internal sealed class DatabaseRegistrySource(RegistryReader reader, PartitionMap map) : IRegistrySource
{
    public async Task<IReadOnlyList<RegistryRecord>> LoadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var records = new List<RegistryRecord>();
        await foreach (var record in reader.ResidentsAsync(PartitionMap.ResidenceProvinceOf(partition), cancellationToken))
            if (map.PartitionOf(record) == partition) records.Add(record);
        return records;
    }

    /// <summary>The records of the partition's province of residence, divided among its commune buckets (an estimate for a bucket).</summary>
    public async Task<long> CountAsync(string partition, CancellationToken cancellationToken)
    {
        var province = PartitionMap.ResidenceProvinceOf(partition);
        return await reader.CountResidentsAsync(province, cancellationToken) / map.BucketsOfProvince(province);
    }

    public Task KeepAsync(string partition, IReadOnlyList<RegistryRecord> records) => Task.CompletedTask;

    public Task ForgetAsync(string partition, IReadOnlyList<string> recordIds) => Task.CompletedTask;

    public async Task<IReadOnlyList<IdEntry>> LoadIdsAsync(int bucket, CancellationToken cancellationToken)
    {
        var entries = new List<IdEntry>();
        await foreach (var record in reader.IdentifiedAsync(cancellationToken))
        {
            string? partition = null;
            foreach (var id in PartitionMap.IdsOf(record))
                if (map.IdBucketOf(id) == bucket) entries.Add(new IdEntry(id, partition ??= map.PartitionOf(record)));
        }
        return entries;
    }

    public Task KeepIdsAsync(int bucket, IReadOnlyList<IdEntry> entries) => Task.CompletedTask;
}
