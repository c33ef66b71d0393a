using System.Data.Common;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Intake;
using CccdRecon.Data.Health;
using CccdRecon.Data.Registry;
using CccdRecon.Data.Review;
using CccdRecon.Data.SqliteFiles;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The assembly holding each provider's migrations.</summary>
    public const string SqliteMigrationsAssembly = "CccdRecon.Data.Sqlite";
    public const string SqlServerMigrationsAssembly = "CccdRecon.Data.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "CccdRecon.Data.PostgreSql";

    /// <summary>
    /// Registers a pooled <see cref="ReconDbContext"/> factory for the provider in <c>Database:Provider</c>.
    /// With SQLite and no connection string, the database is <c>./data/cccdrecon.db</c>.
    /// </summary>
    public static IServiceCollection AddReconData(this IServiceCollection services, DatabaseOptions options, string? connectionString)
    {
        services.TryAddSingleton<DatabaseState>();
        services.TryAddSingleton(sp => new TransactionFaults(
            (sp.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<TransactionFaults>()));
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // The embedded file is this process's alone, checked at start and watched (the guard and its interceptor).
            services.TryAddSingleton(sp => new SqliteDatabaseGuard(SqliteConnectionString(connectionString), options,
                sp.GetRequiredService<DatabaseState>(), sp.GetRequiredService<ILogger<SqliteDatabaseGuard>>()));
            services.TryAddSingleton<DatabaseGuard>(sp => sp.GetRequiredService<SqliteDatabaseGuard>());
            services.AddPooledDbContextFactory<ReconDbContext>((sp, db) =>
                Configure(db.AddInterceptors([new SqliteFileInterceptor(sp.GetRequiredService<SqliteDatabaseGuard>()), sp.GetRequiredService<TransactionFaults>(),
                    .. sp.GetServices<IInterceptor>()]), options, connectionString));
        }
        else
        {
            services.TryAddSingleton<DatabaseGuard, ServerDatabaseGuard>();
            // A host's own interceptors (the server's database timing) are registered as IInterceptor services.
            services.AddPooledDbContextFactory<ReconDbContext>((sp, db) =>
                Configure(db.AddInterceptors([sp.GetRequiredService<TransactionFaults>(), .. sp.GetServices<IInterceptor>()]), options, connectionString));
        }
        return services;
    }

    /// <summary>
    /// Registers the stores every host uses (gRPC server, console), so both apply the same rules and write one audit
    /// trail: registry, batches, review, intake, the audit trail and its writer. Needs <see cref="AddReconData"/>,
    /// the engine's <c>RegistryIndex</c> and <see cref="StoreLimits"/> bound by the host.
    /// </summary>
    public static IServiceCollection AddReconStores(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ReviewOptions>();
        // Idempotent: a host that adds the console and the gRPC services gets one of each (one audit trail).
        services.TryAddSingleton<AuditTrail>();
        services.AddHostedService<AuditWriter>();
        services.TryAddSingleton<BatchSignal>();
        services.TryAddSingleton<RegistryVersions>();
        services.TryAddSingleton<RegistryLookup>();
        services.TryAddSingleton<RegistryStore>();
        services.TryAddSingleton<BatchStore>();
        services.TryAddSingleton<ReviewStore>();
        services.TryAddSingleton<IntakeStore>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseOptions options, string? connectionString)
    {
        // A failed command, connection, query or save is not logged as an error here: every failure reaches the caller as an exception,
        // and the caller knows which are expected (a unique key another writer took first is a conflict, reported as
        // such) and which are faults (logged as errors by the host, with the exception). A failed transaction step is
        // logged by TransactionFaults, with its step and exception, in place of EF Core's line, which has neither.
        db.ConfigureWarnings(warnings => warnings.Log(
            (RelationalEventId.TransactionError, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug),
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                db.UseSqlServer(RequireConnectionString(options, connectionString), sql => sql
                    .MigrationsAssembly(SqlServerMigrationsAssembly)
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .EnableRetryOnFailure());
                break;
            case DatabaseProvider.PostgreSql:
                db.UseNpgsql(RequireConnectionString(options, connectionString), npgsql => npgsql
                    .MigrationsAssembly(PostgreSqlMigrationsAssembly)
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .EnableRetryOnFailure());
                break;
            default:
                db.UseSqlite(SqliteConnectionString(connectionString), sqlite => sqlite
                    .MigrationsAssembly(SqliteMigrationsAssembly)
                    .CommandTimeout(options.CommandTimeoutSeconds));
                db.AddInterceptors(SqliteWalNormalSync.Instance);
                break;
        }
    }

    /// <summary>
    /// SQLite in WAL mode commits with <c>synchronous=NORMAL</c>: a commit survives the process being killed (what the
    /// batch resume is built on) and is fsynced at each checkpoint rather than at every commit, which would cost a disk
    /// flush per chunk and per streamed message. Only a power loss or an OS crash can take back the last commits (those
    /// since the last checkpoint). The WAL is checkpointed every <see cref="WalCheckpointPages"/> pages rather than
    /// SQLite's default 1,000 (4 MiB): a batch chunk dirties a few MiB of pages, so the default checkpointed — copied
    /// pages to the database file and fsynced it and the WAL — on nearly every chunk's commit, and the index pages that
    /// every chunk touches were copied again each time.
    /// </summary>
    private sealed class SqliteWalNormalSync : DbConnectionInterceptor
    {
        /// <summary>WAL pages between automatic checkpoints: 64 MiB of 4 KiB pages.</summary>
        public const int WalCheckpointPages = 16_384;

        /// <summary>
        /// Each connection's page cache, in KiB (SQLite's <c>cache_size</c> takes a negative number as KiB): 64 MiB rather
        /// than SQLite's 2 MiB. A chunk inserts its cases at random places of the by-name queue indexes, which outgrow 2 MiB
        /// early in a large batch, so nearly every insert read its index pages again through system calls. The cache
        /// grows only as pages are read, so a connection that reads little costs little.
        /// </summary>
        public const int PageCacheKiB = 65_536;

        public static readonly SqliteWalNormalSync Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
            => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint={WalCheckpointPages}; PRAGMA cache_size=-{PageCacheKiB};";
            command.ExecuteNonQuery();
        }
    }

    private static string RequireConnectionString(DatabaseOptions options, string? connectionString)
        => string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"Database:Provider is {options.Provider} but ConnectionStrings:Recon is not set.")
            : connectionString;

    /// <summary>Creates the SQLite file's folder, so a first start needs no setup.</summary>
    private static string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? "Data Source=data/cccdrecon.db"
            : configured);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        builder.Pooling = true;
        return builder.ToString();
    }
}
