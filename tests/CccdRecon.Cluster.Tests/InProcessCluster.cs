using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Cluster.Routing;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace CccdRecon.Cluster.Tests;

/// <summary>Silos in this process (Microsoft.Orleans.TestingHost) holding the generated registry, imported once.</summary>
public sealed class InProcessCluster : IAsyncLifetime
{
    public GeneratedRegistry Data { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public ClusterOptions Options { get; } = new();

    public ClusterReconciler Router { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Options.SnapshotDirectory = Path.Combine(Data.Root, "snapshots");
        var builder = new TestClusterBuilder(initialSilosCount: 3);
        builder.Properties[nameof(ClusterOptions.SnapshotDirectory)] = Options.SnapshotDirectory;
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddClientBuilderConfigurator<ClientSetup>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        var map = new PartitionMap(Options);
        await new ClusterImporter(Cluster.GrainFactory, map, NullLogger<ClusterImporter>.Instance).ImportAsync(Data.Records, Data.Single.Model);
        Router = new ClusterReconciler(Cluster.GrainFactory, map, Options, TimeProvider.System, NullLogger<ClusterReconciler>.Instance);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Data.Dispose();
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var options = new ClusterOptions { SnapshotDirectory = siloBuilder.Configuration[nameof(ClusterOptions.SnapshotDirectory)]! };
            siloBuilder.Services.AddCccdReconGrainServices(options);
            siloBuilder.AddCccdReconPlacement(options);
        }
    }

    /// <summary>A TestingHost client that speaks the cluster's serialization (every in-process cluster of these tests).</summary>
    internal sealed class ClientSetup : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(s => s.AddCccdReconSerialization());
    }
}

[CollectionDefinition(Name)]
public sealed class InProcessClusterCollection : ICollectionFixture<InProcessCluster>
{
    public const string Name = "in-process cluster";
}
