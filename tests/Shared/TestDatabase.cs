using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using CccdRecon.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CccdRecon.Testing;

/// <summary>
/// The database the tests of this assembly run on. The same test sources build twice: <c>CccdRecon.*.Tests</c> on
/// SQLite (a file in the test's own folder) and <c>CccdRecon.*.Tests.PostgreSql</c> on PostgreSQL (a database of its
/// own on <see cref="PostgresCluster"/>), chosen by the assembly's <c>TestDatabase</c> metadata; the
/// <c>CCCDRECON_TEST_DATABASE</c> variable (<c>Sqlite</c> or <c>PostgreSql</c>) overrides it. A test never needs to know
/// which: it asks this class for its connection string, and a new test runs on both.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "CCCDRECON_TEST_DATABASE";
    private const string SqliteFile = "recon.db";

    public static DatabaseProvider Provider { get; } = Choose();

    public static bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>Why a test of SQLite's own file does not run in the PostgreSQL build.</summary>
    public const string SqliteOnly = "a test of the embedded SQLite file (lock, file modes, integrity, backup); PostgreSQL keeps its own files (this test runs in the SQLite build)";

    /// <summary>Why a test that touches no database does not run again in the PostgreSQL build.</summary>
    public const string NoDatabase = "touches no database (command line, start-up refusals, transport, tokens, limits): the same code on any provider, so it runs once, in the SQLite build";

    /// <summary>Why this assembly's tests cannot run here, or null.</summary>
    public static string? SkipReason => IsPostgreSql ? PostgresCluster.SkipReason : null;

    /// <summary>
    /// The connection string of the database that belongs to <paramref name="folder"/> (a test's temp folder): the
    /// SQLite file in it, or a PostgreSQL database named after it, created on first use. Servers given the same
    /// folder share the database.
    /// </summary>
    public static async Task<string> ConnectionStringAsync(string folder)
    {
        if (!IsPostgreSql)
        {
            return $"Data Source={Path.Combine(folder, SqliteFile)}";
        }
        var cluster = PostgresCluster.Instance;
        var name = DatabaseName(folder);
        await using var admin = new NpgsqlConnection(cluster.AdminConnectionString);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            try
            {
                await create.ExecuteNonQueryAsync();
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another server of the same folder made it first.
            }
        }
        return cluster.ConnectionString(name);
    }

    /// <summary>Whether the folder's database has been created (and, on SQLite, written to disk).</summary>
    public static async Task<bool> ExistsAsync(string folder)
    {
        if (!IsPostgreSql)
        {
            return File.Exists(Path.Combine(folder, SqliteFile));
        }
        await using var admin = new NpgsqlConnection(PostgresCluster.Instance.AdminConnectionString);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", DatabaseName(folder));
        return await exists.ExecuteScalarAsync() is not null;
    }

    /// <summary>Drops the folder's PostgreSQL database (a SQLite file goes with its folder).</summary>
    public static async Task DropAsync(string folder)
    {
        if (!IsPostgreSql || PostgresCluster.SkipReason is not null)
        {
            return;
        }
        await using var admin = new NpgsqlConnection(PostgresCluster.Instance.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName(folder)}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>An open ADO.NET connection to the database, for tests that check what the database itself enforces.</summary>
    public static async Task<DbConnection> ConnectAsync(string folder)
    {
        var connectionString = await ConnectionStringAsync(folder);
        DbConnection connection = IsPostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static string DatabaseName(string folder)
        => "cccdrecon_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..20];

    private static DatabaseProvider Choose()
    {
        var named = Environment.GetEnvironmentVariable(Variable)
            ?? Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "TestDatabase")?.Value;
        return Enum.TryParse<DatabaseProvider>(named, ignoreCase: true, out var provider) ? provider : DatabaseProvider.Sqlite;
    }
}

/// <summary>
/// <c>[Fact]</c> in the PostgreSQL builds of the test projects (a global alias): skipped, with the reason, where no
/// PostgreSQL can be started.
/// </summary>
public class DatabaseFactAttribute : Xunit.FactAttribute
{
    public DatabaseFactAttribute()
    {
        if (TestDatabase.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary><c>[Theory]</c> in the PostgreSQL builds, skipped likewise.</summary>
public class DatabaseTheoryAttribute : Xunit.TheoryAttribute
{
    public DatabaseTheoryAttribute()
    {
        if (TestDatabase.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>
/// A test of several server instances on one database: PostgreSQL (or SQL Server) only. SQLite is one process's
/// database, so the SQLite build skips it and says so.
/// </summary>
public sealed class SharedDatabaseFactAttribute : Xunit.FactAttribute
{
    public SharedDatabaseFactAttribute()
    {
        Skip = !TestDatabase.IsPostgreSql
            ? "several server instances share a PostgreSQL or SQL Server database; SQLite is single-process (this test runs in the PostgreSQL build)"
            : TestDatabase.SkipReason;
    }
}

/// <summary>
/// A test of what only the PostgreSQL path does (its planner's statistics, its own catalog): the PostgreSQL build only;
/// the SQLite build skips it and says so.
/// </summary>
public sealed class PostgreSqlFactAttribute : Xunit.FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        Skip = !TestDatabase.IsPostgreSql
            ? "PostgreSQL's own behaviour (its planner's statistics): this test runs in the PostgreSQL build"
            : TestDatabase.SkipReason;
    }
}

/// <summary>
/// A test of SQLite's own file (the one-process lock, file modes, the integrity check, backup and restore of the file):
/// the SQLite build only. A database server keeps its own files and serves several processes, so the PostgreSQL build
/// skips it and says so.
/// </summary>
public sealed class SqliteFactAttribute : Xunit.FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = TestDatabase.SqliteOnly;
        }
    }

    /// <summary>Also skipped on Windows: file modes and POSIX signals are Unix matters.</summary>
    public bool UnixOnly
    {
        get => false;
        set
        {
            if (value && OperatingSystem.IsWindows())
            {
                Skip ??= "Unix only: file modes and POSIX signals";
            }
        }
    }
}

/// <summary><c>[Theory]</c> of SQLite's own file, likewise.</summary>
public sealed class SqliteTheoryAttribute : Xunit.TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = TestDatabase.SqliteOnly;
        }
    }
}

/// <summary>
/// A test whose subject touches no database (argument parsing, a start refused before the database is opened, TLS,
/// tokens, rate and message limits): it runs once, in the SQLite build. The PostgreSQL build compiles the same sources
/// and skips it, saying so: running it there again would start the same server processes for the same code paths.
/// </summary>
public sealed class NoDatabaseFactAttribute : Xunit.FactAttribute
{
    public NoDatabaseFactAttribute()
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = TestDatabase.NoDatabase;
        }
    }
}

/// <summary><c>[Theory]</c> of a test that touches no database, likewise.</summary>
public sealed class NoDatabaseTheoryAttribute : Xunit.TheoryAttribute
{
    public NoDatabaseTheoryAttribute()
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = TestDatabase.NoDatabase;
        }
    }
}
