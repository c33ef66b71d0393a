using CccdRecon.Cluster.Sources;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Cluster.Grains;

/// <summary>
/// A partition of the registry: loads its records from its <see cref="IRegistrySource"/> (the snapshot directory or the
/// registry database) and the run on activation, then answers
/// forms from memory. Read-only calls interleave (the index is thread-safe) and run on the thread pool, so one
/// partition uses every core of its silo. Never collected when idle: a reload costs seconds per hundred thousand records.
/// Placed within each silo's memory budget (<see cref="Placement.MemoryBudgetPlacementDirector"/>): a new activation
/// (first, after a move, or after a crash) goes to the live silo with the most budget left after it, or fails clearly.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
[Placement.MemoryBudgetPlacement]
internal sealed class RegistryPartitionGrain(
    IRegistrySource source,
    Partitioning.ClusterOptions options,
    MatchingOptions matching,
    TimeProvider time,
    ILogger<RegistryPartitionGrain> logger) : Grain, IRegistryPartitionGrain
{
    private RegistryIndex _index = null!;
    private Reconciler _reconciler = null!;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _index = new RegistryIndex(DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var records = await source.LoadPartitionAsync(Key, cancellationToken);
        var started = time.GetTimestamp();
        if (records.Count > 0) await Task.Run(() => _index.AddRange(records, cancellationToken: cancellationToken), cancellationToken);
        await ApplyRunAsync();
        Log.PartitionActivated(logger, Key, records.Count, time.GetElapsedTime(started).TotalMilliseconds);
    }

    public async Task<int> AddAsync(IReadOnlyList<RegistryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        // The source first: a record the index holds is always one a reactivation finds again.
        await source.KeepAsync(Key, records);
        var added = await Task.Run(() => _index.AddRange(records));
        // Grown by an import: the reservation follows; past its silo's budget, the partition moves to one with room.
        if (!await GrainFactory.GetGrain<Placement.IPlacementLedgerGrain>(0).ResizeAsync(Key, _index.Count * options.BytesPerRecord))
        {
            Log.PartitionMoving(logger, Key, _index.Count);
            this.MigrateOnIdle();
        }
        return added;
    }

    public async Task RemoveAsync(IReadOnlyList<string> recordIds)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        // The index cannot drop a record: the partition reloads without it on its next call (a residence rarely changes).
        await source.ForgetAsync(Key, recordIds);
        this.DeactivateOnIdle();
    }

    public Task<Dictionary<string, int>> NameCountsAsync(IReadOnlyList<string>? foldedKeys) => Task.FromResult(_index.NameCounts(foldedKeys));

    public Task RefreshRunAsync() => ApplyRunAsync();

    public Task<Reconciliation> ReconcileAsync(SurveyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var reconciler = _reconciler;
        return Task.Run(() => reconciler.Reconcile(form));
    }

    public Task<Reconciliation?> ReconcileIfTightAsync(SurveyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var reconciler = _reconciler;
        return Task.Run(() =>
        {
            var tight = new SurveyForm { FormId = form.FormId, FullName = form.FullName, DateOfBirth = form.DateOfBirth, Gender = form.Gender };
            var probe = reconciler.Reconcile(tight);
            return probe.Explanation.Candidates.Count == 0 ? null : reconciler.Reconcile(form);
        });
    }

    public Task<int> CountAsync() => Task.FromResult(_index.Count);

    public Task<IReadOnlyList<RegistryRecord>> GetManyAsync(IReadOnlyList<string> recordIds)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var found = new List<RegistryRecord>();
        foreach (var id in recordIds)
        {
            if (_index.Get(id) is { } record) found.Add(record);
        }
        return Task.FromResult<IReadOnlyList<RegistryRecord>>(found);
    }

    public Task<IReadOnlyList<RecordHit>> SearchAsync(RecordQuery query, string? afterKey, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        var index = _index;
        // A scan of the partition's records: on the thread pool, like a reconciliation.
        return Task.Run(() => index.Search(RecordCriteria.Parse(query, index.Today, out _), afterKey, limit));
    }

    private async Task ApplyRunAsync()
    {
        var run = await GrainFactory.GetGrain<IRegistryRunGrain>(RunGrainKey.Current).GetAsync();
        var model = run is null ? MatchModel.Default : ModelFile.FromJson(run.ModelJson);
        _index.Shared = run is null ? null : new RegistryStatistics(run.RecordCount, run.SharedNames);
        _reconciler = new Reconciler(_index, matching, time, model);
    }
}
