using System.ComponentModel.DataAnnotations;

namespace CccdRecon.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>The <c>Database</c> configuration section. The connection string is <c>ConnectionStrings:Recon</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations on start.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>SQLite: run <c>PRAGMA quick_check</c> at start and refuse a damaged file (a full read of the file: seconds for millions of rows).</summary>
    public bool IntegrityCheckOnStart { get; set; } = true;

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 60;
}
