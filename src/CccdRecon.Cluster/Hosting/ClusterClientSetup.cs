using CccdRecon.Cluster.Partitioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ClusterOptions = CccdRecon.Cluster.Partitioning.ClusterOptions;
using ClientMessagingOptions = Orleans.Configuration.ClientMessagingOptions;

namespace CccdRecon.Cluster.Hosting;

/// <summary>An Orleans client of a CccdRecon cluster: membership from <see cref="ClusterOptions"/>, the router and importer.</summary>
public static class ClusterClientSetup
{
    public static IClientBuilder UseCccdReconCluster(this IClientBuilder client, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        client.Configure<Orleans.Configuration.ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        // The membership table's gateways (the silo's side: ClusterHosting.UseCccdReconMembership).
        if (options.Membership == ClusterOptions.AdoNetMembership)
            client.UseAdoNetClustering(o => { o.Invariant = options.AdoNetInvariant; o.ConnectionString = options.MembershipConnectionString; });
        else
            client.UseRedisClustering(options.MembershipConnectionString);
        // A call to a silo that died fails after this long and is repeated by the router (imports: ImportTimeout).
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.CallTimeout);
        client.Services.AddCccdReconClusterClient(options);
        // No silo up yet (or one too loaded to answer): the start waits, bounded by Cluster:StartTimeout, then fails in one line.
        client.Services.TryAddSingleton<ClusterStartRetry>();
        client.Services.AddSingleton<Orleans.IClientConnectionRetryFilter>(sp => sp.GetRequiredService<ClusterStartRetry>());
        return client;
    }
}
