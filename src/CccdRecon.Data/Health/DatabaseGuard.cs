namespace CccdRecon.Data.Health;

/// <summary>
/// What a host does with its database besides queries: open it for this process at start (for SQLite: the lock that
/// makes it this process's alone, owner-only file modes, the integrity check) and probe it for health. One per
/// provider: <see cref="SqliteFiles.SqliteDatabaseGuard"/> for the embedded file, <see cref="ServerDatabaseGuard"/> for a database
/// server, which needs neither lock nor file modes.
/// </summary>
public abstract class DatabaseGuard
{
    /// <summary>Prepares the database for this process; call before anything else uses it.</summary>
    /// <exception cref="DatabaseRefusedException">The database must not be used, and why.</exception>
    public abstract Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>Null when the database answers as it should; otherwise what is wrong (no personal data).</summary>
    public abstract Task<string?> ProbeAsync(CancellationToken cancellationToken);
}

/// <summary>The database must not be used by this process (another holds it, or it fails its integrity check).</summary>
public sealed class DatabaseRefusedException(string message) : Exception(message);
