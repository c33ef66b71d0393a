using CccdRecon.Core.Matching;

namespace CccdRecon.Cluster.Grains;

/// <summary>The run every partition shares (one grain, key <see cref="RunGrainKey.Current"/>).</summary>
public interface IRegistryRunGrain : IGrainWithStringKey
{
    /// <summary>Replaces the run (kept in the snapshot directory).</summary>
    [ResponseTimeout(IRegistryPartitionGrain.ImportTimeout)]
    Task SetAsync(RegistryRun run);

    /// <summary>Applies an import's change to the run's statistics (kept in the snapshot directory); returns the new run.</summary>
    [ResponseTimeout(IRegistryPartitionGrain.ImportTimeout)]
    Task<RegistryRun> UpdateAsync(RunChange change);

    /// <summary>The run, or null before any import.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<RegistryRun?> GetAsync();
}

public static class RunGrainKey
{
    public const string Current = "current";
}

/// <summary>
/// One partition of the registry (a province of the current map, or a commune bucket of one): today's
/// <see cref="RegistryIndex"/> over its records, scored with the run's model and statistics. Kept active while its
/// silo lives; reactivated elsewhere from the snapshot directory after a silo is lost.
/// </summary>
public interface IRegistryPartitionGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces records (kept in the snapshot directory). Returns the number indexed.</summary>
    [ResponseTimeout(ImportTimeout)]
    Task<int> AddAsync(IReadOnlyList<RegistryRecord> records);

    /// <summary>
    /// Records that left this partition (their residence changed): kept in the source, then the partition reloads
    /// without them before its next call.
    /// </summary>
    [ResponseTimeout(ImportTimeout)]
    Task RemoveAsync(IReadOnlyList<string> recordIds);

    /// <summary>How many of this partition's records bear each folded full name asked for (every name when null).</summary>
    [ResponseTimeout(ImportTimeout)]
    [Orleans.Concurrency.ReadOnly]
    Task<Dictionary<string, int>> NameCountsAsync(IReadOnlyList<string>? foldedKeys);

    /// <summary>Re-reads the run (after an import changed it).</summary>
    [ResponseTimeout(ImportTimeout)]
    Task RefreshRunAsync();

    /// <summary>Import calls may wait for a partition to load its snapshot: far longer than a form's <see cref="Partitioning.ClusterOptions.CallTimeout"/>.</summary>
    const string ImportTimeout = "00:10:00";

    /// <summary>Reconciles a form against this partition's records.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<Reconciliation> ReconcileAsync(SurveyForm form);

    /// <summary>
    /// For the fan-out: probes on the form's tight fields only (name, date of birth, gender); when they find any
    /// candidate here, reconciles the whole form here (its parents may be what links it). Null when they find none.
    /// </summary>
    [Orleans.Concurrency.ReadOnly]
    Task<Reconciliation?> ReconcileIfTightAsync(SurveyForm form);

    /// <summary>The records held (the first call may wait for the partition to load: an import's timeout).</summary>
    [ResponseTimeout(ImportTimeout)]
    [Orleans.Concurrency.ReadOnly]
    Task<int> CountAsync();

    /// <summary>The records of this partition among <paramref name="recordIds"/> (an id it does not hold is left out).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<RegistryRecord>> GetManyAsync(IReadOnlyList<string> recordIds);

    /// <summary>
    /// A registry search over this partition (<see cref="RecordSearch.Search"/>): its first <paramref name="limit"/>
    /// matches in list order after <paramref name="afterKey"/>. The query is read here, as one process reads it.
    /// </summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<RecordHit>> SearchAsync(RecordQuery query, string? afterKey, int limit);
}

/// <summary>One bucket of the ID-number index: normalised 12- or 9-digit number → partitions holding it.</summary>
public interface IIdIndexGrain : IGrainWithIntegerKey
{
    [ResponseTimeout(IRegistryPartitionGrain.ImportTimeout)]
    Task AddAsync(IReadOnlyList<IdEntry> entries);

    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<string>> LookupAsync(string id);

    /// <summary>The numbers held (the first call may wait for the bucket to load: an import's timeout).</summary>
    [ResponseTimeout(IRegistryPartitionGrain.ImportTimeout)]
    [Orleans.Concurrency.ReadOnly]
    Task<int> CountAsync();
}
