using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CccdRecon.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The assembly holding each provider's migrations.</summary>
    public const string SqliteMigrationsAssembly = "CccdRecon.Data.Sqlite";
    public const string SqlServerMigrationsAssembly = "CccdRecon.Data.SqlServer";

    /// <summary>
    /// Registers a pooled <see cref="ReconDbContext"/> factory for the provider in <c>Database:Provider</c>.
    /// With SQLite and no connection string, the database is <c>./data/cccdrecon.db</c>.
    /// </summary>
    public static IServiceCollection AddReconData(this IServiceCollection services, DatabaseOptions options, string? connectionString)
    {
        services.AddPooledDbContextFactory<ReconDbContext>(db => Configure(db, options, connectionString));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseOptions options, string? connectionString)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Recon is not set.");
                }
                db.UseSqlServer(connectionString, sql => sql
                    .MigrationsAssembly(SqlServerMigrationsAssembly)
                    .CommandTimeout(options.CommandTimeoutSeconds)
                    .EnableRetryOnFailure());
                break;
            default:
                db.UseSqlite(SqliteConnectionString(connectionString), sqlite => sqlite
                    .MigrationsAssembly(SqliteMigrationsAssembly)
                    .CommandTimeout(options.CommandTimeoutSeconds));
                break;
        }
    }

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
