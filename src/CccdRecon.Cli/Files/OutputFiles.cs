using System.Text;

namespace CccdRecon.Cli.Files;

/// <summary>
/// A run's output files, written under temporary names in the output folder and renamed to their own names only when the
/// whole run succeeded (<see cref="Commit"/>); a failed or interrupted run leaves no file half-written and replaces none
/// of an earlier run's. The folder is checked for writing when this is created, before any work is done.
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly string _directory;
    private readonly string _suffix = ".partial-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<(string Partial, string Final)> _files = [];
    private bool _committed;

    /// <exception cref="CliInputException">The folder cannot be created or written.</exception>
    public OutputFiles(string directory)
    {
        _directory = Path.GetFullPath(directory);
        try
        {
            if (File.Exists(_directory))
            {
                throw new CliInputException($"--out {_directory} is a file, not a folder");
            }
            System.IO.Directory.CreateDirectory(_directory);
            var probe = Path.Combine(_directory, "." + "write-check" + _suffix);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write to --out {_directory}: {ex.Message}");
        }
    }

    public string Directory => _directory;

    /// <summary>A UTF-8 writer (no byte order mark) for <paramref name="name"/>, under its temporary name until <see cref="Commit"/>.</summary>
    public StreamWriter Create(string name)
    {
        var partial = Path.Combine(_directory, "." + name + _suffix);
        _files.Add((partial, Path.Combine(_directory, name)));
        // A full disk while writing is this file's failure, said in one line, not a lost connection (LocalFileStream).
        return new StreamWriter(LocalFileStream.Create(partial, Path.Combine(_directory, name)), new UTF8Encoding(false), 1 << 16);
    }

    /// <summary>Gives every file its own name (replacing an earlier run's).</summary>
    /// <exception cref="CliInputException">A file cannot be renamed.</exception>
    public void Commit()
    {
        foreach (var (partial, final) in _files)
        {
            try
            {
                File.Move(partial, final, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliInputException($"cannot write {final}: {ex.Message}");
            }
        }
        _committed = true;
    }

    /// <summary>Deletes the temporary files of a run that did not commit.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }
        foreach (var (partial, _) in _files)
        {
            try
            {
                File.Delete(partial);
            }
            catch (IOException)
            {
                // Left behind under its temporary name, never under the real one.
            }
        }
    }
}
