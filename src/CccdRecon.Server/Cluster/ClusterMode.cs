using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Cluster.Routing;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Registry;
using CccdRecon.Server.Batches;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Reconciliation;
using ClusterOptions = CccdRecon.Cluster.Partitioning.ClusterOptions;

namespace CccdRecon.Server.Cluster;

/// <summary>
/// Cluster mode (issue 14, <c>Cluster:Enabled=true</c>): the server is an Orleans client holding no registry. Online
/// reconciliation goes to the silos; with <c>Cluster:RegistrySource=Database</c> the silos load the registry this server
/// stores, and its RegistryService imports go to the database and then to the silos (docs/cluster.md). Off by default:
/// nothing here is registered and the server runs exactly as a single process.
/// </summary>
internal static class ClusterMode
{
    public static WebApplicationBuilder AddReconCluster(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        if (!options.Enabled) return builder;
        var problems = options.Validate();
        if (problems.Count > 0) throw new StartupRefusedException(string.Join(" ", problems));
        builder.UseOrleansClient(client => client.UseCccdReconCluster(options));
        builder.Services.AddSingleton<IFormReconciler, ClusterFormReconciler>();
        builder.Services.AddSingleton<IRegistryReplica, ClusterRegistryReplica>();
        builder.Services.AddSingleton<IChunkReconciler, ClusterChunkReconciler>();
        return builder;
    }

    /// <summary>
    /// Batches through the cluster: each chunk's forms routed as online calls are (<see cref="ClusterReconciler.ReconcileManyAsync"/>,
    /// at most Cluster:BatchConcurrency at once), calls lost with a silo repeated. Every partition scores with the run's
    /// model (the server's online model, published at start): a batch is not trained in cluster mode, and one stored with
    /// another model is scored with the run's (logged).
    /// </summary>
    private sealed class ClusterChunkReconciler(ClusterReconciler router, ILogger<ClusterChunkReconciler> logger) : IChunkReconciler
    {
        public bool CanTrain => false;

        public async Task<Core.Matching.Reconciliation[]> ReconcileAsync(Reconciler batch, IReadOnlyList<SurveyForm> forms, CancellationToken cancellationToken)
        {
            var run = await router.ModelVersionAsync(cancellationToken);
            if (run != batch.Model.Version) Log.BatchModelNotRun(logger, batch.Model.Version, run);
            return await router.ReconcileManyAsync(forms, cancellationToken);
        }
    }

    private sealed class ClusterFormReconciler(ClusterReconciler router) : IFormReconciler
    {
        public async ValueTask<Core.Matching.Reconciliation> ReconcileAsync(SurveyForm form, CancellationToken cancellationToken)
            => await router.ReconcileAsync(form, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The registry in the silos. Database source: at start the partitions load from the database and the run is
    /// published with this server's online model; each committed import is applied to the live run, one at a time.
    /// Snapshot source: the registry is loaded with <c>CccdRecon.Silo import</c>, and imports here are refused.
    /// Either way, GetRecord and SearchRecords, a batch chunk's clean records and a reviewer's records read the partitions,
    /// as one process reads its index.
    /// </summary>
    private sealed class ClusterRegistryReplica(ClusterImporter importer, ClusterReconciler router, ClusterRecords records, ClusterOptions options, Reconciler online,
        ClusterStartRetry start)
        : IRegistryReplica, IDisposable
    {
        private readonly SemaphoreSlim _oneImport = new(1, 1);

        public string? RefusesImports => options.RegistrySource == RegistrySourceKind.Database
            ? null
            : "in cluster mode with Cluster:RegistrySource=Snapshot the registry is loaded into the silos with 'CccdRecon.Silo import'; set Cluster:RegistrySource=Database to import through the server";

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.RegistrySource != RegistrySourceKind.Database) return;
            // Every partition is activated (placed, loaded from the database): on a loaded machine a placement can time
            // out; the publish is repeated until Cluster:StartTimeout, then the start fails in one line.
            await start.RunAsync("publish the registry run", ct => importer.PublishAsync(online.Model, ct), cancellationToken);
            router.Refresh();
        }

        public async Task ApplyAsync(IReadOnlyList<RegistryChange> changes, CancellationToken cancellationToken)
        {
            // Already committed: finish applying even if the caller goes away, so the run's statistics stay whole.
            await _oneImport.WaitAsync(CancellationToken.None);
            try
            {
                await importer.ApplyAsync(changes, CancellationToken.None);
                router.Refresh();
            }
            finally
            {
                _oneImport.Release();
            }
        }

        public Task<IReadOnlyDictionary<string, RegistryRecord>> GetManyAsync(IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken)
            => records.GetManyAsync(recordIds, cancellationToken);

        public Task<IReadOnlyList<RecordHit>> SearchAsync(RecordQuery query, string? afterKey, int limit, CancellationToken cancellationToken)
            => records.SearchAsync(query, afterKey, limit, cancellationToken);

        public void Dispose() => _oneImport.Dispose();
    }
}
