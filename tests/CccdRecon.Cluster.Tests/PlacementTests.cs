using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Cluster.Placement;
using CccdRecon.Cluster.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// A hard memory budget per silo (issue 14): three silos with different <c>Cluster:MemoryBudgetBytes</c>; every
/// partition of the registry lands on a silo whose budget holds it (estimated record count × Cluster:BytesPerRecord), and
/// a partition no silo has room for is refused with the figures.
/// </summary>
public sealed class PlacementTests : IAsyncLifetime
{
    private const long BytesPerRecord = 1_000;

    private readonly GeneratedRegistry _data = new();
    private readonly ClusterOptions _options = new();
    private TestCluster _cluster = null!;
    private Dictionary<string, long> _budgets = null!;

    public async Task InitializeAsync()
    {
        var map = new PartitionMap(_options);
        var total = _data.Records.Count * BytesPerRecord;
        // Together 1.5 times the registry, none alone more than 60 %: the partitions must be spread by budget.
        _budgets = new() { ["Primary"] = total * 6 / 10, ["Secondary_1"] = total * 5 / 10, ["Secondary_2"] = total * 4 / 10 };
        var builder = new TestClusterBuilder(initialSilosCount: 3);
        builder.Properties["SnapshotDirectory"] = Path.Combine(_data.Root, "snapshots");
        foreach (var (silo, budget) in _budgets) builder.Properties["Budget:" + silo] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddClientBuilderConfigurator<InProcessCluster.ClientSetup>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        await new ClusterImporter(_cluster.GrainFactory, map, NullLogger<ClusterImporter>.Instance).ImportAsync(_data.Records, _data.Single.Model);
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Partitions_are_placed_within_each_silos_budget_and_one_too_large_for_any_is_refused_clearly()
    {
        var run = await _cluster.GrainFactory.GetGrain<IRegistryRunGrain>(RunGrainKey.Current).GetAsync();
        var placements = await _cluster.GrainFactory.GetGrain<IPlacementLedgerGrain>(0).PlacementsAsync();
        Assert.Equal(run!.Partitions.Order(StringComparer.Ordinal), placements.Select(p => p.Partition).Order(StringComparer.Ordinal));

        // Each reservation is the partition's size, and each silo holds no more than its budget.
        foreach (var p in placements)
            Assert.Equal(await _cluster.GrainFactory.GetGrain<IRegistryPartitionGrain>(p.Partition).CountAsync() * BytesPerRecord, p.Bytes);
        var budgets = _cluster.Silos.Cast<InProcessSiloHandle>().ToDictionary(s => s.SiloAddress, s => s.SiloHost.Services.GetRequiredService<ClusterOptions>().MemoryBudgetBytes);
        Assert.Equal(_budgets.Values.Order(), budgets.Values.Order());
        foreach (var group in placements.GroupBy(p => p.Silo))
            Assert.True(group.Sum(p => p.Bytes) <= budgets[group.Key], $"{group.Key} holds {group.Sum(p => p.Bytes)} bytes, budget {budgets[group.Key]}");
        Assert.True(placements.Select(p => p.Silo).Distinct().Count() >= 2, "the partitions should not fit one silo");

        // The partitions are active where the ledger placed them.
        var active = await _cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        foreach (var p in placements)
            Assert.Contains(active, a => a.GrainId.Key.ToString() == p.Partition && a.GrainId.Type.ToString()!.Contains("registrypartition", StringComparison.OrdinalIgnoreCase) && a.SiloAddress.Equals(p.Silo));

        // A partition announced at more records than any silo has room for is refused, with the figures.
        RequestContext.Set(MemoryBudgetPlacementDirector.RecordsHint, (long)_data.Records.Count);
        var refused = await Record.ExceptionAsync(() => _cluster.GrainFactory.GetGrain<IRegistryPartitionGrain>("99").CountAsync());
        RequestContext.Clear();
        Assert.NotNull(refused);
        Assert.Contains("No silo can hold partition 99", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("Cluster:MemoryBudgetBytes", refused.ToString(), StringComparison.Ordinal);
    }

    private static readonly string[] Budgets = ["Primary", "Secondary_1", "Secondary_2"];
    private static int _configured;

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            // Each silo takes the next budget (the test reads each silo's back from its services).
            var name = Budgets[(Interlocked.Increment(ref _configured) - 1) % Budgets.Length];
            var options = new ClusterOptions
            {
                SnapshotDirectory = configuration["SnapshotDirectory"]!,
                BytesPerRecord = BytesPerRecord,
                MemoryBudgetBytes = long.Parse(configuration["Budget:" + name]!, System.Globalization.CultureInfo.InvariantCulture),
            };
            siloBuilder.Services.AddCccdReconGrainServices(options);
            siloBuilder.AddCccdReconPlacement(options);
        }
    }
}
