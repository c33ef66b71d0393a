using CccdRecon.Data.Health;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Data.SqliteFiles;

/// <summary>
/// The embedded SQLite database belongs to one process. At start (<see cref="OpenAsync"/>): an exclusive lock on
/// <c>&lt;database&gt;.lock</c> beside it (held open with no sharing for the process's life; the operating system drops it
/// when the process dies, even by kill -9), so a second server on the same file refuses to start; the file created
/// owner-only (0600, and so its -wal and -shm) and existing ones tightened; <c>PRAGMA quick_check</c>, so a corrupt file
/// is refused before anything reads it. While running, a connection kept on the file from start tells whether the file at
/// the path is still the one opened (<see cref="HasMoved"/>): deleted or replaced, the database is lost.
/// </summary>
public sealed class SqliteDatabaseGuard : DatabaseGuard, IDisposable
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly SqliteConnectionStringBuilder _connection;
    private readonly DatabaseOptions _options;
    private readonly DatabaseState _state;
    private readonly ILogger<SqliteDatabaseGuard> _logger;
    private readonly Lock _sentinelLock = new();
    private FileStream? _lock;
    private SqliteConnection? _sentinel;

    public SqliteDatabaseGuard(string connectionString, DatabaseOptions options, DatabaseState state, ILogger<SqliteDatabaseGuard> logger)
    {
        _connection = new SqliteConnectionStringBuilder(connectionString);
        _options = options;
        _state = state;
        _logger = logger;
        DatabasePath = IsFile(_connection) ? Path.GetFullPath(_connection.DataSource) : null;
    }

    /// <summary>The database file's full path; null for an in-memory database.</summary>
    public string? DatabasePath { get; }

    /// <summary>The lock file beside the database.</summary>
    public string? LockPath => DatabasePath is null ? null : DatabasePath + ".lock";

    /// <summary>True once this process holds the database (lock taken, file checked).</summary>
    public bool IsOpen => Volatile.Read(ref _sentinel) is not null;

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        if (DatabasePath is null || IsOpen)
        {
            return Task.CompletedTask;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _lock = TakeLock(DatabasePath, LockPath!);
        var created = SqliteFile.CreateIfMissing(DatabasePath);
        SqliteFile.RestrictModes([.. SqliteFile.WithCompanions(DatabasePath), LockPath!]);
        if (!created && _options.IntegrityCheckOnStart)
        {
            CheckIntegrity(DatabasePath, cancellationToken);
        }
        var sentinel = new SqliteConnection(ConnectionString(SqliteOpenMode.ReadWrite));
        sentinel.Open();
        using (var touch = sentinel.CreateCommand())
        {
            touch.CommandText = "PRAGMA schema_version;";
            touch.ExecuteScalar();
        }
        Volatile.Write(ref _sentinel, sentinel);
        Log.DatabaseOpened(_logger, DatabasePath, created, _options.IntegrityCheckOnStart && !created);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether the file at the database's path is no longer the one this process opened (deleted, or replaced by another
    /// file): writes would then go to a file nobody will read again.
    /// </summary>
    public bool HasMoved()
    {
        var sentinel = Volatile.Read(ref _sentinel);
        if (sentinel is null || DatabasePath is null)
        {
            return false;
        }
        lock (_sentinelLock)
        {
            return SqliteFile.HasMoved(sentinel, DatabasePath);
        }
    }

    /// <summary>Marks the database lost when its file moved; throws <see cref="Errors.DatabaseUnavailableException"/> when it is lost.</summary>
    internal void ThrowIfUnusable()
    {
        if (!_state.IsLost && HasMoved())
        {
            _state.MarkLost($"the database file {DatabasePath} was deleted or replaced while the server was using it");
        }
        _state.ThrowIfLost();
    }

    /// <summary>A failed command that says the file is corrupt makes the database lost.</summary>
    internal void Observe(Exception exception)
    {
        if (exception is SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase } corrupt)
        {
            _state.MarkLost($"the database file {DatabasePath} is corrupt (SQLite error {corrupt.SqliteErrorCode}: {corrupt.Message.Split('\n')[0]})");
        }
    }

    /// <summary>The file is still the one opened, and a new connection can read its schema (a header or schema page overwritten fails here).</summary>
    public override async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return _state.Problem;
        }
        try
        {
            ThrowIfUnusable();
            await using var probe = new SqliteConnection(ConnectionString(SqliteOpenMode.ReadOnly));
            await probe.OpenAsync(cancellationToken);
            await using var command = probe.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master;";
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (Errors.DatabaseUnavailableException lost)
        {
            return _state.Problem ?? lost.Message;
        }
        catch (SqliteException failed)
        {
            Observe(failed);
            return _state.Problem ?? $"the database does not answer (SQLite error {failed.SqliteErrorCode})";
        }
    }

    public void Dispose()
    {
        Volatile.Read(ref _sentinel)?.Dispose();
        _lock?.Dispose();
    }

    private string ConnectionString(SqliteOpenMode mode) => new SqliteConnectionStringBuilder(_connection.ConnectionString)
    {
        Mode = mode,
        Pooling = false,
    }.ToString();

    private static bool IsFile(SqliteConnectionStringBuilder connection)
        => !string.IsNullOrEmpty(connection.DataSource) && connection.DataSource != ":memory:" && connection.Mode != SqliteOpenMode.Memory
           && !connection.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The lock: the file opened with no sharing (an exclusive flock on Unix, a share-mode lock on Windows), written with our process id.</summary>
    private static FileStream TakeLock(string database, string lockPath)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = SqliteFile.OwnerOnly;
        }
        FileStream held;
        try
        {
            held = new FileStream(lockPath, options);
        }
        catch (IOException)
        {
            throw new DatabaseRefusedException(
                $"the database {database} is in use by another process, which holds {lockPath} (its process id is written there): " +
                "an embedded database belongs to one server. Stop the other server, or give this one its own database (--ConnectionStrings:Recon=\"Data Source=PATH\").");
        }
        held.SetLength(0);
        var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        held.Write(pid);
        held.Flush(flushToDisk: true);
        return held;
    }

    /// <summary>PRAGMA quick_check on a connection of its own; a file that is not a database, or fails the check, is refused.</summary>
    private void CheckIntegrity(string path, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        try
        {
            using var connection = new SqliteConnection(ConnectionString(SqliteOpenMode.ReadWrite));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(5);";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                problems.Add(reader.GetString(0));
            }
        }
        catch (SqliteException failed)
        {
            problems = [$"SQLite error {failed.SqliteErrorCode}: {failed.Message.Split('\n')[0]}"];
        }
        if (problems is ["ok"])
        {
            return;
        }
        throw new DatabaseRefusedException(
            $"the database {path} fails its integrity check ({string.Join("; ", problems.Take(3))}): it is damaged or not a CccdRecon database. " +
            "Restore it from a backup (cccdrecon backup; docs/service.md, \"Backup and restore\"), or move it and its -wal and -shm files away to start with an empty database.");
    }
}
