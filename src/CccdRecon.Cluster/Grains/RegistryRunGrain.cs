namespace CccdRecon.Cluster.Grains;

/// <summary>Holds the run (model and whole-registry statistics) and keeps it in the snapshot directory.</summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class RegistryRunGrain(SnapshotStore snapshots) : Grain, IRegistryRunGrain
{
    private const string FileName = "run.json";
    private RegistryRun? _run;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
        => _run = await snapshots.ReadAsync<RegistryRun>(FileName, cancellationToken);

    public async Task SetAsync(RegistryRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        await snapshots.WriteAsync(FileName, run);
        _run = run;
    }

    public async Task<RegistryRun> UpdateAsync(RunChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var run = (_run ?? throw new InvalidOperationException("The cluster holds no registry run yet: publish one first.")).With(change);
        await snapshots.WriteAsync(FileName, run);
        _run = run;
        return run;
    }

    public Task<RegistryRun?> GetAsync() => Task.FromResult(_run);
}
