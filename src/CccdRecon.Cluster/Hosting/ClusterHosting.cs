using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Cluster.Routing;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;

namespace CccdRecon.Cluster.Hosting;

/// <summary>What silos and client hosts of a CccdRecon cluster share: serialization, grain services, the router.</summary>
public static class ClusterHosting
{
    /// <summary>
    /// Core's domain records (forms, registry records, results) cross the wire as JSON: Core stays free of Orleans,
    /// and System.Text.Json reads its immutable records through their constructors.
    /// </summary>
    public static ISerializerBuilder AddCccdReconSerialization(this ISerializerBuilder serializer)
        => serializer.AddJsonSerializer(isSupported: type => type.Namespace?.StartsWith("CccdRecon.Core", StringComparison.Ordinal) == true);

    /// <summary>Services the grains need on a silo.</summary>
    public static IServiceCollection AddCccdReconGrainServices(this IServiceCollection services, ClusterOptions options, MatchingOptions? matching = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(matching ?? new MatchingOptions());
        services.TryAddSingleton(new SnapshotStore(options.SnapshotDirectory));
        services.TryAddSingleton(new PartitionMap(options));
        services.AddSerializer(s => s.AddCccdReconSerialization());
        return services;
    }

    /// <summary>The router and importer on a client host (the gRPC server in cluster mode, tests, the bench).</summary>
    public static IServiceCollection AddCccdReconClusterClient(this IServiceCollection services, ClusterOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(new PartitionMap(options));
        services.TryAddSingleton<ClusterReconciler>();
        services.TryAddSingleton<ClusterImporter>();
        services.AddSerializer(s => s.AddCccdReconSerialization());
        return services;
    }
}
