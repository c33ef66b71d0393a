using CccdRecon.Cluster.Grains;
using CccdRecon.Core.Matching;

namespace CccdRecon.Cluster.Sources;

/// <summary>
/// Where a partition and a bucket of the ID index load from when activated (first, or again on another silo after a
/// crash), and where they keep what imports send them (<see cref="Partitioning.ClusterOptions.RegistrySource"/>):
/// the snapshot directory (<see cref="SnapshotRegistrySource"/>) or the registry database the server stores
/// (<see cref="DatabaseRegistrySource"/>).
/// </summary>
public interface IRegistrySource
{
    /// <summary>The records of a partition, in the order they were first stored.</summary>
    Task<IReadOnlyList<RegistryRecord>> LoadPartitionAsync(string partition, CancellationToken cancellationToken);

    /// <summary>
    /// About how many records a partition will load, without loading them: what its placement reserves memory for
    /// (<see cref="Placement.MemoryBudgetPlacementDirector"/>).
    /// </summary>
    Task<long> CountAsync(string partition, CancellationToken cancellationToken);

    /// <summary>Keeps records sent to a partition, before the partition indexes them.</summary>
    Task KeepAsync(string partition, IReadOnlyList<RegistryRecord> records);

    /// <summary>Keeps that records left a partition (their residence changed), before it reloads without them.</summary>
    Task ForgetAsync(string partition, IReadOnlyList<string> recordIds);

    /// <summary>The entries of one bucket of the ID index.</summary>
    Task<IReadOnlyList<IdEntry>> LoadIdsAsync(int bucket, CancellationToken cancellationToken);

    /// <summary>Keeps entries sent to a bucket of the ID index.</summary>
    Task KeepIdsAsync(int bucket, IReadOnlyList<IdEntry> entries);
}
