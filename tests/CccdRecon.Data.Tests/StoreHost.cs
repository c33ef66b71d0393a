using CccdRecon.Core.Matching;
using CccdRecon.Data.Access;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Data.Tests;

/// <summary>
/// A host of the stores alone, as the console or a second process would set them up: a real database of its own
/// (<see cref="TestDatabase"/>: a SQLite file, or a PostgreSQL database), migrated,
/// the engine's index and the stores from <see cref="DataServiceCollectionExtensions.AddReconStores"/>.
/// </summary>
public sealed class StoreHost : IAsyncDisposable
{
    private readonly string _folder;
    private readonly ServiceProvider _services;

    private StoreHost(string folder, string connectionString, IInterceptor[] interceptors)
    {
        _folder = folder;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        foreach (var interceptor in interceptors)
        {
            services.AddSingleton(interceptor);
        }
        services.AddSingleton<TimeProvider>(Time);
        services.AddOptions<StoreLimits>();
        services.AddReconData(new DatabaseOptions { Provider = TestDatabase.Provider }, connectionString);
        services.AddSingleton(new RegistryIndex(new DateOnly(2026, 11, 22)));
        services.AddSingleton(sp => new Reconciler(sp.GetRequiredService<RegistryIndex>(), new MatchingOptions(), Time));
        services.AddReconStores();
        _services = services.BuildServiceProvider();
    }

    public string Folder => _folder;

    /// <summary>Every line the stores and the database provider logged, as a host's log would hold it.</summary>
    public CapturedLogs Logs { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(7)));

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="folder">Another host's <see cref="Folder"/> to share its database, as a second server instance would.</param>
    /// <param name="interceptors">Database interceptors of the test's own, as a host registers its own (the server's timing).</param>
    public static async Task<StoreHost> StartAsync(string? folder = null, params IInterceptor[] interceptors)
    {
        folder ??= Directory.CreateTempSubdirectory("cccdrecon-data-").FullName;
        var host = new StoreHost(folder, await TestDatabase.ConnectionStringAsync(folder), interceptors);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return host;
    }

    public static Caller Admin { get; } = new("admin.test", "recon.admin", [], "trace-admin", SeesAllUnits: true);

    public static Caller Reviewer(string subject, params string[] units) => new(subject, "recon.reviewer", units, "trace-" + subject, SeesAllUnits: false);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            await TestDatabase.DropAsync(_folder);
            Directory.Delete(_folder, recursive: true);
        }
    }
}
