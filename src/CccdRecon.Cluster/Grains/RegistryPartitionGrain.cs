using CccdRecon.Core.Matching;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Cluster.Grains;

/// <summary>
/// A partition of the registry: loads its records and the run from the snapshot directory on activation, then answers
/// forms from memory. Read-only calls interleave (the index is thread-safe) and run on the thread pool, so one
/// partition uses every core of its silo. Never collected when idle: a reload costs seconds per hundred thousand records.
/// Placed by Orleans' resource-optimized placement: a new activation (after an import or a crash) goes to the silo
/// whose memory and CPU are least used (Orleans' default weights of ResourceOptimizedPlacementOptions).
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
[Orleans.Placement.ResourceOptimizedPlacement]
internal sealed class RegistryPartitionGrain(
    SnapshotStore snapshots,
    MatchingOptions matching,
    TimeProvider time,
    ILogger<RegistryPartitionGrain> logger) : Grain, IRegistryPartitionGrain
{
    private RegistryIndex _index = null!;
    private Reconciler _reconciler = null!;

    private string Key => this.GetPrimaryKeyString();

    private string FileName => $"partition-{Key}.jsonl";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _index = new RegistryIndex(DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var records = await snapshots.ReadAllAsync<RegistryRecord>(FileName, cancellationToken);
        var started = time.GetTimestamp();
        if (records.Count > 0) await Task.Run(() => _index.AddRange(records, cancellationToken: cancellationToken), cancellationToken);
        await ApplyRunAsync();
        Log.PartitionActivated(logger, Key, records.Count, time.GetElapsedTime(started).TotalMilliseconds);
    }

    public async Task<int> AddAsync(IReadOnlyList<RegistryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        // The snapshot first: a record the index holds is always one a reactivation finds again.
        await snapshots.AppendAsync(FileName, records);
        return await Task.Run(() => _index.AddRange(records));
    }

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

    private async Task ApplyRunAsync()
    {
        var run = await GrainFactory.GetGrain<IRegistryRunGrain>(RunGrainKey.Current).GetAsync();
        var model = run is null ? MatchModel.Default : ModelFile.FromJson(run.ModelJson);
        _index.Shared = run is null ? null : new RegistryStatistics(run.RecordCount, run.SharedNames);
        _reconciler = new Reconciler(_index, matching, time, model);
    }
}
