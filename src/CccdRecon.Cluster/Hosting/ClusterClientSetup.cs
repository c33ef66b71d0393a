using CccdRecon.Cluster.Partitioning;
using Microsoft.Extensions.DependencyInjection;
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
        if (options.Membership == "AdoNet")
            client.UseAdoNetClustering(o => { o.Invariant = options.AdoNetInvariant; o.ConnectionString = options.MembershipConnectionString; });
        else
            client.UseRedisClustering(options.MembershipConnectionString);
        // A lost gateway is retried on the others; calls wait for the grain's new activation up to this long.
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));
        client.Services.AddCccdReconClusterClient(options);
        return client;
    }
}
