using System.Diagnostics;
using CccdRecon.Core.Matching;
using CccdRecon.Data;
using CccdRecon.Data.Registry;
using CccdRecon.Data.Review;
using CccdRecon.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CccdRecon.Server.Registry;

/// <summary>
/// Runs before Kestrel listens: migrates the database and rebuilds the in-memory registry index from it,
/// so the first call already sees every imported record, then runs a batch's code once (<see cref="WarmUp"/>). In cluster mode the index is the cluster's: it is loaded
/// there (<see cref="IRegistryReplica.StartAsync"/>) and this process holds none.
/// </summary>
internal sealed class RegistryStartup(
    IDbContextFactory<ReconDbContext> dbFactory,
    RegistryIndex index,
    RegistryStore registry,
    ReviewStore review,
    IOptions<DatabaseOptions> database,
    ReadinessCheck readiness,
    HeapCompaction heap,
    WarmUp warmUp,
    ILogger<RegistryStartup> logger,
    IRegistryReplica? replica = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        heap.LogSettings();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (database.Value.MigrateOnStart)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            if (db.Database.IsSqlite())
            {
                // WAL lets readers (ListResults, WatchBatch) run while the batch processor writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            Log.DatabaseReady(logger, database.Value.Provider.ToString(), database.Value.MigrateOnStart);
        }
        if (await review.UpgradeAsync(cancellationToken) is > 0 and var keyed)
        {
            Log.CasesUpgraded(logger, keyed);
        }

        if (await review.UpgradeCommunesAsync(cancellationToken) is > 0 and var communes)
        {
            Log.CasesPlaced(logger, communes);
        }

        if (await registry.UpgradeResidenceAsync(cancellationToken) is > 0 and var placed)
        {
            Log.ResidenceFilled(logger, placed);
        }

        var watch = Stopwatch.StartNew();
        if (replica is not null)
        {
            await replica.StartAsync(cancellationToken);
            Log.ClusterRegistryReady(logger, watch.ElapsedMilliseconds);
        }
        else
        {
            var unreadable = await registry.LoadIndexAsync(cancellationToken);
            Log.IndexRebuilt(logger, index.Count, watch.ElapsedMilliseconds, unreadable);
            if (index.Count > 0)
            {
                heap.Compact("the index rebuild");
            }
        }
        // Before Kestrel listens and health reports SERVING: the first batch then finds its code compiled.
        await warmUp.RunAsync(cancellationToken);
        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Healthy once the database is migrated and the index rebuilt (grpc.health.v1 reports SERVING).</summary>
internal sealed class ReadinessCheck : IHealthCheck
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(_ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("starting"));
}
