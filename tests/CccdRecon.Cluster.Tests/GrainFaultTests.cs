using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Cluster.Sources;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.TestingHost;
using ClusterOptions = CccdRecon.Cluster.Partitioning.ClusterOptions;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// A failure on a silo reaches the caller as itself, not as a serialization fault (issue 14: a cluster-mode server died at
/// start under heavy load). Orleans' own placement pipeline (Polly) throws <c>TimeoutRejectedException</c> when placing a
/// grain outlasts <c>SiloMessagingOptions.PlacementTimeout</c>; by default Orleans cannot serialize it, and the caller got
/// <c>CodecNotFoundException</c>. Here a partition's placement is held (its source does not answer how many records it
/// holds) past a short placement timeout.
/// </summary>
public sealed class GrainFaultTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties["SnapshotDirectory"] = Directory.CreateTempSubdirectory("cccdrecon-faults-").FullName;
        builder.AddSiloBuilderConfigurator<SlowPlacementSilo>();
        builder.AddClientBuilderConfigurator<InProcessCluster.ClientSetup>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        SlowSource.Release.TrySetResult();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_placement_that_times_out_on_a_loaded_silo_reaches_the_caller_as_a_timeout_it_can_retry()
    {
        var partition = _cluster.GrainFactory.GetGrain<IRegistryPartitionGrain>("79-1");
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => partition.CountAsync());

        // Orleans wraps Polly's rejection in a TimeoutException; without the fix the inner exception could not be
        // serialized and the caller got CodecNotFoundException instead.
        Assert.IsNotType<CodecNotFoundException>(failure);
        var timeout = Assert.IsType<TimeoutException>(failure);
        Assert.Contains("Grain placement operation timed out for grain registrypartition/79-1", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("Polly.Timeout.TimeoutRejectedException", ClusterFaults.Describe(Assert.IsAssignableFrom<Exception>(timeout.InnerException)), StringComparison.Ordinal);
        // The router and the start repeat it (a placement under load is worth another try), and it reads in one line.
        Assert.True(ClusterFaults.IsTransient(failure), ClusterFaults.Describe(failure));
        Assert.DoesNotContain('\n', ClusterFaults.Describe(failure));
    }

    /// <summary>A silo whose partitions' placement waits on their source longer than Orleans' placement timeout.</summary>
    private sealed class SlowPlacementSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var options = new ClusterOptions { SnapshotDirectory = siloBuilder.Configuration["SnapshotDirectory"]! };
            siloBuilder.Services.AddSingleton<IRegistrySource, SlowSource>();
            siloBuilder.Services.AddCccdReconGrainServices(options);
            siloBuilder.AddCccdReconPlacement(options);
            siloBuilder.Configure<SiloMessagingOptions>(o =>
            {
                o.PlacementTimeout = TimeSpan.FromMilliseconds(200);
                o.PlacementMaxRetries = 0;
            });
        }
    }

    /// <summary>Answers how many records a partition holds only when the test ends (a database under heavy load).</summary>
    private sealed class SlowSource : IRegistrySource
    {
        public static readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<long> CountAsync(string partition, CancellationToken cancellationToken)
        {
            await Release.Task;
            return 0;
        }

        public Task<IReadOnlyList<RegistryRecord>> LoadPartitionAsync(string partition, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RegistryRecord>>([]);

        public Task KeepAsync(string partition, IReadOnlyList<RegistryRecord> records) => Task.CompletedTask;

        public Task ForgetAsync(string partition, IReadOnlyList<string> recordIds) => Task.CompletedTask;

        public Task<IReadOnlyList<IdEntry>> LoadIdsAsync(int bucket, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<IdEntry>>([]);

        public Task KeepIdsAsync(int bucket, IReadOnlyList<IdEntry> entries) => Task.CompletedTask;
    }
}
