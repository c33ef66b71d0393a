using Orleans.Placement;

namespace CccdRecon.Cluster.Placement;

/// <summary>
/// Places a registry partition on a silo whose memory budget (<see cref="Partitioning.ClusterOptions.MemoryBudgetBytes"/>)
/// still holds it, estimated as the partition's record count × <see cref="Partitioning.ClusterOptions.BytesPerRecord"/>;
/// refuses, with the figures, when no silo can (<see cref="MemoryBudgetPlacementDirector"/>).
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class MemoryBudgetPlacement : PlacementStrategy
{
    public static readonly MemoryBudgetPlacement Singleton = new();
}

/// <summary>Marks a grain class as placed by <see cref="MemoryBudgetPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class MemoryBudgetPlacementAttribute() : PlacementAttribute(MemoryBudgetPlacement.Singleton);

/// <summary>A candidate silo and its budget in bytes (<see cref="long.MaxValue"/>: none set).</summary>
[GenerateSerializer, Immutable]
public sealed record SiloBudget([property: Id(0)] SiloAddress Silo, [property: Id(1)] long BudgetBytes);

/// <summary>Where a partition was placed and the memory reserved for it there.</summary>
[GenerateSerializer, Immutable]
public sealed record PartitionPlacement([property: Id(0)] string Partition, [property: Id(1)] SiloAddress Silo, [property: Id(2)] long Bytes);

/// <summary>No live silo's remaining budget holds a partition: the figures, no personal data.</summary>
[GenerateSerializer]
public sealed class NoSiloCanHoldPartitionException : Exception
{
    public NoSiloCanHoldPartitionException() { }

    public NoSiloCanHoldPartitionException(string message) : base(message) { }

    public NoSiloCanHoldPartitionException(string message, Exception inner) : base(message, inner) { }
}
