using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Cluster.Routing;
using static CccdRecon.Contracts.V1.DomainMapping;
using CccdRecon.Core.Matching;
using CccdRecon.Data;
using CccdRecon.Data.Access;
using CccdRecon.Data.Registry;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// Cluster:RegistrySource=Database (issue 14): partitions load their records from the registry database the server
/// stores (SQLite here, PostgreSQL in CccdRecon.Cluster.Tests.PostgreSql) (by the indexed residence column), and imports committed by the server's <see cref="RegistryStore"/> go into
/// the live run — new records, records whose residence moved to another province, renamed records — leaving every
/// partition scoring as one index of the database's whole registry does.
/// </summary>
public sealed class DatabaseSourceTests : IAsyncLifetime
{
    private static DatabaseOptions Provider => new() { Provider = TestDatabase.Provider };

    private static readonly Caller Feed = new("registry.feed", "recon.registry", [], "trace-feed", SeesAllUnits: true);

    private readonly GeneratedRegistry _data = new();
    private readonly ApplyToCluster _replica = new();
    private ServiceProvider _stores = null!;
    private TestCluster _cluster = null!;
    private ClusterOptions _options = null!;

    public async Task InitializeAsync()
    {
        // SQLite here, PostgreSQL in CccdRecon.Cluster.Tests.PostgreSql (tests/Shared/TestDatabase.cs).
        var database = await TestDatabase.ConnectionStringAsync(_data.Root);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<StoreLimits>();
        services.AddReconData(Provider, database);
        services.AddSingleton(new RegistryIndex(DateOnly.FromDateTime(DateTime.Now)));
        services.AddSingleton<IRegistryReplica>(_replica);
        services.AddReconStores();
        _stores = services.BuildServiceProvider();
        await using (var db = await _stores.GetRequiredService<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            // SQLite: silos read while the store writes, as the server sets it at start.
            if (!TestDatabase.IsPostgreSql) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        _options = new ClusterOptions { RegistrySource = RegistrySourceKind.Database, SnapshotDirectory = Path.Combine(_data.Root, "run") };
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Properties["SnapshotDirectory"] = _options.SnapshotDirectory;
        builder.Properties["Database"] = database;
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddClientBuilderConfigurator<InProcessCluster.ClientSetup>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _stores.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await TestDatabase.DropAsync(_data.Root);
        _data.Dispose();
    }

    [Fact]
    public async Task Partitions_load_from_the_database_and_imports_through_the_store_keep_the_single_process_answers()
    {
        var store = _stores.GetRequiredService<RegistryStore>();
        var map = new PartitionMap(_options);
        var importer = new ClusterImporter(_cluster.GrainFactory, map, NullLogger<ClusterImporter>.Instance);
        var router = new ClusterReconciler(_cluster.GrainFactory, map, _options, TimeProvider.System, NullLogger<ClusterReconciler>.Instance);
        var records = _data.Records;

        // Two thirds of the registry are in the database before the cluster starts; the partitions load them from there.
        var before = records.Where((_, i) => i % 3 != 0).ToList();
        await ImportAsync(store, before);
        Assert.Equal(Indexed(before).Count, await importer.PublishAsync(_data.Single.Model));
        await AssertSameAsSingleProcessAsync(router, before);

        // Then through the store into the live run: the last third, records moved to another province, records renamed.
        _replica.Importer = importer;
        var moved = before.Take(60).Select((r, i) => r with { PermanentAddress = OtherProvince(map, r, records, i) }).ToList();
        var renamed = before.Skip(60).Take(30).Select((r, i) => r with { FullName = before[200 + i].FullName }).ToList();
        var added = records.Where((_, i) => i % 3 == 0).ToList();
        await ImportAsync(store, [.. moved, .. renamed, .. added]);
        Assert.All(moved, r => Assert.NotEqual(map.PartitionOf(before.First(b => b.RecordId == r.RecordId)), map.PartitionOf(r)));

        var after = before.Select(r => moved.Concat(renamed).FirstOrDefault(m => m.RecordId == r.RecordId) ?? r).Concat(added).ToList();
        var run = await _cluster.GrainFactory.GetGrain<IRegistryRunGrain>(RunGrainKey.Current).GetAsync();
        var statistics = new RegistryStatistics.Builder();
        foreach (var record in after) statistics.Add(record);
        var expected = statistics.Build();
        Assert.Equal(expected.RecordCount, run!.RecordCount);
        Assert.Equal(expected.SharedNames.OrderBy(p => p.Key, StringComparer.Ordinal), run.SharedNames.OrderBy(p => p.Key, StringComparer.Ordinal));
        var counts = await Task.WhenAll(run.Partitions.Select(p => _cluster.GrainFactory.GetGrain<IRegistryPartitionGrain>(p).CountAsync()));
        Assert.Equal(expected.RecordCount, counts.Sum());
        router.Refresh();
        var single = await AssertSameAsSingleProcessAsync(router, after);

        // The registry's reads through the partitions (GetRecord, SearchRecords of a server in cluster mode): a moved
        // record from the partition it moved to, once; a renamed one under its new name, as one index answers.
        var reads = new ClusterRecords(_cluster.GrainFactory, map, _options, TimeProvider.System, NullLogger<ClusterRecords>.Instance);
        foreach (var record in moved.Take(15).Concat(renamed.Take(15)))
        {
            Assert.Equal(record.ToProto(), (await reads.GetAsync(record.RecordId))?.ToProto());
            var query = new RecordQuery(record.FullName, null, null);
            var found = single.Index.Search(RecordCriteria.Parse(query, single.Index.Today, out _), null, 1_000).Select(h => h.Record.ToProto());
            Assert.Equal(found, (await reads.SearchAsync(query, null, 1_000)).Select(h => h.Record.ToProto()));
        }
    }

    /// <returns>the single process of <paramref name="registry"/></returns>
    private async Task<Reconciler> AssertSameAsSingleProcessAsync(ClusterReconciler router, IReadOnlyList<RegistryRecord> registry)
    {
        var index = new RegistryIndex(DateOnly.FromDateTime(DateTime.Now));
        index.AddRange(registry);
        var single = new Reconciler(index, new MatchingOptions(), TimeProvider.System, _data.Single.Model);
        var forms = _data.Forms;
        var actual = new Reconciliation[forms.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, forms.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => actual[i] = await router.ReconcileAsync(forms[i], cancellationToken: ct));
        var differences = forms.Select((f, i) => GeneratedRegistry.Difference(single.Reconcile(f), actual[i])).OfType<string>().ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} of {forms.Count} differ: {string.Join("; ", differences.Take(10))}");
        Assert.Contains(actual, r => r.Status == MatchStatus.Clean);
        return single;
    }

    private static async Task ImportAsync(RegistryStore store, IReadOnlyList<RegistryRecord> records)
    {
        var import = new RegistryImport();
        foreach (var chunk in records.Chunk(500)) await store.ImportAsync(import, chunk, Feed, CancellationToken.None);
        Assert.Equal(0, import.Rejected);
    }

    private static List<RegistryRecord> Indexed(IEnumerable<RegistryRecord> records) => records.Where(r => RegistryIndex.IsIndexable(r, out _)).ToList();

    /// <summary>The address of a record living in another partition.</summary>
    private static string? OtherProvince(PartitionMap map, RegistryRecord record, IReadOnlyList<RegistryRecord> all, int seed)
    {
        var home = PartitionMap.ResidenceProvinceOf(map.PartitionOf(record));
        return all.Skip(seed * 7).Concat(all).First(r => PartitionMap.ResidenceProvinceOf(map.PartitionOf(r)) is { Length: > 0 } p && p != home).PermanentAddress;
    }

    /// <summary>The server's replica, reduced to the importer (set once the run is published).</summary>
    private sealed class ApplyToCluster : IRegistryReplica
    {
        public ClusterImporter? Importer { get; set; }

        public string? RefusesImports => null;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ApplyAsync(IReadOnlyList<RegistryChange> changes, CancellationToken cancellationToken)
            => Importer?.ApplyAsync(changes, cancellationToken) ?? Task.CompletedTask;

        public Task<IReadOnlyDictionary<string, RegistryRecord>> GetManyAsync(IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken)
            => throw new NotSupportedException("this test reads the cluster directly");

        public Task<IReadOnlyList<RecordHit>> SearchAsync(RecordQuery query, string? afterKey, int limit, CancellationToken cancellationToken)
            => throw new NotSupportedException("this test reads the cluster directly");
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var options = new ClusterOptions { RegistrySource = RegistrySourceKind.Database, SnapshotDirectory = siloBuilder.Configuration["SnapshotDirectory"]! };
            siloBuilder.Services.AddCccdReconGrainServices(options, database: new RegistryReader(Provider, siloBuilder.Configuration["Database"]));
            siloBuilder.AddCccdReconPlacement(options);
        }
    }
}
