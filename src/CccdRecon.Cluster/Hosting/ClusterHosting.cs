using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Cluster.Routing;
using CccdRecon.Cluster.Placement;
using CccdRecon.Cluster.Sources;
using Orleans.Runtime.MembershipService.SiloMetadata;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;

namespace CccdRecon.Cluster.Hosting;

/// <summary>What silos and client hosts of a CccdRecon cluster share: serialization, grain services, the router.</summary>
public static class ClusterHosting
{
    /// <summary>
    /// Core's domain records (forms, registry records, results) cross the wire as JSON: Core stays free of Orleans,
    /// and System.Text.Json reads its immutable records through their constructors. Exceptions, Core's included, go by
    /// Orleans' exception codec, which carries every one (<see cref="ClusterFaults.CarryEveryException"/>).
    /// </summary>
    public static ISerializerBuilder AddCccdReconSerialization(this ISerializerBuilder serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        serializer.Services.Configure<ExceptionSerializationOptions>(ClusterFaults.CarryEveryException);
        return serializer.AddJsonSerializer(isSupported: type =>
            type.Namespace?.StartsWith("CccdRecon.Core", StringComparison.Ordinal) == true && !typeof(Exception).IsAssignableFrom(type));
    }

    /// <summary>
    /// Services the grains need on a silo. With <see cref="RegistrySourceKind.Database"/>, <paramref name="database"/>
    /// reads the registry database (the run is still kept in the snapshot directory).
    /// </summary>
    public static IServiceCollection AddCccdReconGrainServices(this IServiceCollection services, ClusterOptions options, MatchingOptions? matching = null, RegistryReader? database = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(matching ?? new MatchingOptions());
        var snapshots = new SnapshotStore(options.SnapshotDirectory);
        var map = new PartitionMap(options);
        services.TryAddSingleton(snapshots);
        services.TryAddSingleton(map);
        services.TryAddSingleton(options);
        if (options.RegistrySource == RegistrySourceKind.Database)
        {
            var reader = database ?? throw new ArgumentException("Cluster:RegistrySource=Database needs the registry database (Database:Provider, ConnectionStrings:Recon).", nameof(database));
            services.TryAddSingleton<IRegistrySource>(new DatabaseRegistrySource(reader, map));
        }
        else
        {
            services.TryAddSingleton<IRegistrySource>(new SnapshotRegistrySource(snapshots));
        }
        services.AddSerializer(s => s.AddCccdReconSerialization());
        return services;
    }

    /// <summary>
    /// A silo's side of the memory-budget placement of partitions: its budget published in its silo metadata (where every
    /// silo's placement director reads it) and the director. Needs <see cref="AddCccdReconGrainServices"/>.
    /// </summary>
    public static ISiloBuilder AddCccdReconPlacement(this ISiloBuilder silo, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        var budget = options.MemoryBudgetBytes > 0 ? options.MemoryBudgetBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";
        silo.UseSiloMetadata(new Dictionary<string, string> { [MemoryBudgetPlacementDirector.BudgetKey] = budget });
        silo.Services.TryAddSingleton(options);
        silo.Services.AddPlacementDirector<MemoryBudgetPlacement, MemoryBudgetPlacementDirector>();
        return silo;
    }

    /// <summary>
    /// A silo's membership table and identity: <c>Cluster:Membership=Redis</c> (tested here) or <c>AdoNet</c> (SQL Server,
    /// its tables created with Orleans' own published scripts: docs/cluster.md), the cluster and service ids clients share.
    /// </summary>
    public static ISiloBuilder UseCccdReconMembership(this ISiloBuilder silo, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<Orleans.Configuration.ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        if (options.Membership == ClusterOptions.AdoNetMembership)
            silo.UseAdoNetClustering(o => { o.Invariant = options.AdoNetInvariant; o.ConnectionString = options.MembershipConnectionString; });
        else
            silo.UseRedisClustering(options.MembershipConnectionString);
        return silo;
    }

    /// <summary>The router and importer on a client host (the gRPC server in cluster mode, tests, the bench).</summary>
    public static IServiceCollection AddCccdReconClusterClient(this IServiceCollection services, ClusterOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(new PartitionMap(options));
        services.TryAddSingleton<ClusterReconciler>();
        services.TryAddSingleton<ClusterImporter>();
        services.TryAddSingleton<ClusterRecords>();
        services.AddSerializer(s => s.AddCccdReconSerialization());
        return services;
    }
}
