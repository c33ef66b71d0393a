using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CccdRecon.Cli.Backup;

/// <summary>What one <c>backup</c> run copies where.</summary>
internal sealed record BackupRequest(string DatabasePath, string OutputPath);

/// <summary>
/// A consistent copy of the server's SQLite database while it runs: SQLite's online backup API copies every page inside
/// one read transaction, so the copy is the database as of one moment (in WAL mode the server's writers are not
/// blocked). The copy is written under a temporary name, owner-only, checked with <c>PRAGMA quick_check</c> and renamed
/// last: it appears whole and good, or not at all. SQL Server and PostgreSQL have their own tools (docs/service.md).
/// </summary>
internal sealed class BackupJob(TextWriter output, TextWriter errors)
{
    public const int Done = 0;
    public const int BadInput = 1;
    public const int Failed = 2;

    private static readonly string[] Counted = ["RegistryRecords", "Batches", "BatchResults", "ReviewCases", "AuditEvents"];

    public int Run(BackupRequest request)
    {
        var source = Path.GetFullPath(request.DatabasePath);
        var target = Path.GetFullPath(request.OutputPath);
        if (!File.Exists(source))
        {
            return Fail(BadInput, $"no database at {source} (give the server's database with --database)");
        }
        if (File.Exists(target) || Directory.Exists(target))
        {
            return Fail(BadInput, $"--out {target} already exists: give a new name (a backup never overwrites)");
        }
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            return Fail(BadInput, $"--out: the folder {folder} does not exist");
        }
        var partial = Path.Combine(folder, "." + Path.GetFileName(target) + ".partial-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            CreateOwnerOnly(partial);
            using (var from = Open(source, SqliteOpenMode.ReadWrite))
            using (var to = Open(partial, SqliteOpenMode.ReadWrite))
            {
                from.BackupDatabase(to);
                if (QuickCheck(to) is { } problem)
                {
                    return Fail(Failed, $"the copy fails its integrity check ({problem}); the database itself may be damaged: run the server, which checks it at start");
                }
                var counts = Counted.Select(table => $"{Count(to, table).ToString("N0", CultureInfo.InvariantCulture)} {table}").ToList();
                var pages = Scalar(to, "PRAGMA page_count;");
                to.Close();
                from.Close();
                File.Move(partial, target);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Backup of {source}: {pages:N0} pages, {new FileInfo(target).Length / 1048576.0:0.0} MB, integrity checked; {string.Join(", ", counts)} -> {target}"));
                return Done;
            }
        }
        catch (SqliteException failed)
        {
            return Fail(Failed, $"could not back up {source}: SQLite error {failed.SqliteErrorCode}: {failed.Message.Split('\n')[0]}");
        }
        catch (Exception failed) when (failed is IOException or UnauthorizedAccessException)
        {
            return Fail(Failed, $"could not write {target}: {failed.Message}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var leftover in new[] { partial, partial + "-wal", partial + "-shm", partial + "-journal" })
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>An empty file readable by its owner only: the copy holds the same personal data as the database.</summary>
    private static void CreateOwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var _ = new FileStream(path, options);
    }

    /// <summary>A connection of its own (no pool), never creating a database that is not there.</summary>
    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static string? QuickCheck(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(3);";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }
        return rows is ["ok"] ? null : string.Join("; ", rows);
    }

    private static long Count(SqliteConnection connection, string table)
        => Scalar(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}';") == 0 ? 0 : Scalar(connection, $"SELECT count(*) FROM \"{table}\";");

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private int Fail(int code, string message)
    {
        errors.WriteLine("error: " + message);
        return code;
    }
}
