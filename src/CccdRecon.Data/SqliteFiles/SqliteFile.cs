using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace CccdRecon.Data.SqliteFiles;

/// <summary>The embedded database's files: where they are, their modes, and whether the open file is still the one at its path.</summary>
internal static class SqliteFile
{
    /// <summary>Read and write for the owner only, as the signing key: the database holds a province's personal data.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const int SqliteFcntlHasMoved = 20;
    private const int SqliteOk = 0;

    /// <summary>The database file and its companions, which SQLite creates with the database file's mode.</summary>
    public static IEnumerable<string> WithCompanions(string path) => [path, path + "-wal", path + "-shm", path + "-journal"];

    /// <summary>Sets owner-only modes on the files that exist (nothing to do on Windows, where ACLs apply).</summary>
    public static void RestrictModes(IEnumerable<string> paths)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        foreach (var path in paths.Where(File.Exists))
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }

    /// <summary>
    /// Creates the database file empty and owner-only if it does not exist (SQLite reads an empty file as an empty
    /// database), so SQLite never creates it, nor its -wal and -shm, with the process's umask (world-readable).
    /// </summary>
    public static bool CreateIfMissing(string path)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }
            using var _ = new FileStream(path, options);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the file this open connection reads was deleted, renamed or replaced since it was opened (SQLite's
    /// SQLITE_FCNTL_HAS_MOVED: the inode at the path is no longer the open one). Where the native call is unavailable,
    /// only a missing file counts.
    /// </summary>
    public static bool HasMoved(SqliteConnection connection, string path)
    {
        try
        {
            var moved = 0;
            var name = "main\0"u8.ToArray();
            if (FileControl(connection.Handle!.DangerousGetHandle(), name, SqliteFcntlHasMoved, ref moved) == SqliteOk)
            {
                return moved != 0;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Another SQLite build than the bundled e_sqlite3: fall back to the path alone.
        }
        return !File.Exists(path);
    }

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control", ExactSpelling = true)]
    private static extern int FileControl(IntPtr db, byte[] databaseName, int operation, ref int argument);
}
