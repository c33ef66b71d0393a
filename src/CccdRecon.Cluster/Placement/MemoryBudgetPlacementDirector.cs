using System.Globalization;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Cluster.Sources;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace CccdRecon.Cluster.Placement;

/// <summary>
/// Places a partition (issue 14: a placement that respects each silo's memory budget). Its size is estimated before it
/// loads — the records its source holds for it (<see cref="IRegistrySource.CountAsync"/>) × the measured cost of a record
/// (<see cref="ClusterOptions.BytesPerRecord"/>) — and the <see cref="IPlacementLedgerGrain"/> picks the live silo with
/// the most budget left after it. Each silo publishes its budget (<see cref="ClusterOptions.MemoryBudgetBytes"/>) in its
/// Orleans silo metadata; a silo without one is unbounded (the partition then goes to the least-loaded silo). When no silo
/// has the room the activation fails with <see cref="NoSiloCanHoldPartitionException"/>, naming the figures.
/// </summary>
internal sealed class MemoryBudgetPlacementDirector(
    ISiloMetadataCache metadata,
    IGrainFactory grains,
    IRegistrySource source,
    ClusterOptions options,
    ILogger<MemoryBudgetPlacementDirector> logger) : IPlacementDirector
{
    /// <summary>The silo metadata key a silo publishes its budget under.</summary>
    public const string BudgetKey = "cccdrecon.memory-budget-bytes";

    /// <summary>
    /// The request-context key of a caller's count of the records it is about to send a partition (an importer's first
    /// call activates a partition before its source holds them): placement reserves for the larger of the two.
    /// </summary>
    public const string RecordsHint = "cccdrecon.partition-records";

    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var partition = target.GrainIdentity.Key.ToString()!;
        var records = await source.CountAsync(partition, CancellationToken.None);
        if (target.RequestContextData?.TryGetValue(RecordsHint, out var hint) == true && hint is long announced) records = Math.Max(records, announced);
        var bytes = records * options.BytesPerRecord;
        var candidates = context.GetCompatibleSilos(target).Select(s => new SiloBudget(s, BudgetOf(s))).ToArray();
        var chosen = await grains.GetGrain<IPlacementLedgerGrain>(0).ReserveAsync(partition, bytes, candidates);
        if (chosen is not null)
        {
            Log.PartitionPlaced(logger, partition, records, bytes, chosen.ToString());
            return chosen;
        }
        var placements = await grains.GetGrain<IPlacementLedgerGrain>(0).PlacementsAsync();
        var room = string.Join(", ", candidates.Select(c => $"silo {c.Silo}: {Free(c, placements)} free of {Describe(c.BudgetBytes)}"));
        Log.PartitionRefused(logger, partition, records, bytes, candidates.Length);
        throw new NoSiloCanHoldPartitionException(string.Create(CultureInfo.InvariantCulture,
            $"No silo can hold partition {partition}: it needs about {bytes:N0} bytes ({records:N0} records × Cluster:BytesPerRecord {options.BytesPerRecord:N0}); {room}. ") +
            "Add a silo or raise Cluster:MemoryBudgetBytes.");
    }

    private long BudgetOf(SiloAddress silo)
        => metadata.GetSiloMetadata(silo).Metadata.TryGetValue(BudgetKey, out var text)
           && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var budget) && budget > 0
            ? budget
            : long.MaxValue;

    private static string Free(SiloBudget silo, IReadOnlyList<PartitionPlacement> placements)
        => silo.BudgetBytes == long.MaxValue ? "unbounded" : (silo.BudgetBytes - placements.Where(p => p.Silo.Equals(silo.Silo)).Sum(p => p.Bytes)).ToString("N0", CultureInfo.InvariantCulture);

    private static string Describe(long budget) => budget == long.MaxValue ? "no budget" : budget.ToString("N0", CultureInfo.InvariantCulture);
}
