using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Routing;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Reconciliation;
using ClusterOptions = CccdRecon.Cluster.Partitioning.ClusterOptions;

namespace CccdRecon.Server.Cluster;

/// <summary>
/// Cluster mode (issue 14, <c>Cluster:Enabled=true</c>): the server is an Orleans client and online reconciliation
/// goes to the silos holding the registry (docs/cluster.md). Off by default: nothing here is registered and the server
/// runs exactly as a single process.
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
        return builder;
    }

    private sealed class ClusterFormReconciler(ClusterReconciler router) : IFormReconciler
    {
        public async ValueTask<Core.Matching.Reconciliation> ReconcileAsync(Core.Matching.SurveyForm form, CancellationToken cancellationToken)
            => await router.ReconcileAsync(form, cancellationToken: cancellationToken);
    }
}
