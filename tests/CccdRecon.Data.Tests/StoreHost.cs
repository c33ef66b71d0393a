using CccdRecon.Core.Matching;
using CccdRecon.Data.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Data.Tests;

/// <summary>
/// A host of the stores alone, as the console or a second process would set them up: a real SQLite file, migrated,
/// the engine's index and the stores from <see cref="DataServiceCollectionExtensions.AddReconStores"/>.
/// </summary>
public sealed class StoreHost : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cccdrecon-data-").FullName;
    private readonly ServiceProvider _services;

    private StoreHost()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddOptions<StoreLimits>();
        services.AddReconData(new DatabaseOptions(), $"Data Source={Path.Combine(_folder, "recon.db")}");
        services.AddSingleton(new RegistryIndex(new DateOnly(2026, 11, 22)));
        services.AddSingleton(sp => new Reconciler(sp.GetRequiredService<RegistryIndex>(), new MatchingOptions(), Time));
        services.AddReconStores();
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(7)));

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<StoreHost> StartAsync()
    {
        var host = new StoreHost();
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
        Directory.Delete(_folder, recursive: true);
    }
}
