using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CccdRecon.Testing;

/// <summary>
/// A real PostgreSQL server for the tests of one test process: Debian's <c>postgresql</c> binaries, a fresh cluster
/// (<c>initdb</c>) in a temp folder, started by <c>pg_ctl</c> on a free loopback port and stopped when the process
/// exits. As root it runs as the <c>postgres</c> user (PostgreSQL refuses to run as root), which CI has once
/// <c>.ci/run</c> installed the package. <c>CCCDRECON_TEST_POSTGRES</c>, a superuser connection string, points the
/// tests at a server of your own instead.
/// </summary>
public sealed class PostgresCluster
{
    public const string ServerVariable = "CCCDRECON_TEST_POSTGRES";
    private const string FolderPrefix = "cccdrecon-pg-";
    private const string OwnerFile = "owner.pid";

    private static readonly Lazy<(PostgresCluster? Cluster, string? Problem)> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? _folder;
    private readonly string? _binaries;
    private readonly string? _runAs;

    private PostgresCluster(string adminConnectionString, string? folder = null, string? binaries = null, string? runAs = null)
    {
        AdminConnectionString = adminConnectionString;
        (_folder, _binaries, _runAs) = (folder, binaries, runAs);
    }

    /// <summary>A superuser connection to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can (starts the server on first use).</summary>
    public static string? SkipReason => Shared.Value.Problem;

    public static PostgresCluster Instance => Shared.Value.Cluster ?? throw new InvalidOperationException(Shared.Value.Problem);

    /// <summary>A connection string for a database of this server.</summary>
    public string ConnectionString(string database)
        => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    private static (PostgresCluster?, string?) Start()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            return (new PostgresCluster(given), null);
        }
        var binaries = FindBinaries();
        if (binaries is null)
        {
            return (null, "needs PostgreSQL's server binaries (initdb, pg_ctl): Debian `apt-get install postgresql` (.ci/run installs it), " +
                $"or set {ServerVariable} to a superuser connection string");
        }
        string? runAs = null;
        if (Environment.UserName == "root")
        {
            if (Run("id", ["-u", "postgres"], null, out _) != 0)
            {
                return (null, "PostgreSQL refuses to run as root and there is no `postgres` user to run it as (Debian's postgresql package creates it)");
            }
            runAs = "postgres";
        }
        StopAbandoned(binaries, runAs);
        if (Run("mktemp", ["-d", Path.Combine(Path.GetTempPath(), FolderPrefix + "XXXXXXXX")], runAs, out var made) != 0)
        {
            return (null, "could not make a folder for the PostgreSQL cluster: " + made);
        }
        var folder = made.Trim();
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var data = Path.Combine(folder, "data");
        if (Run(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], runAs, out var initOutput) != 0)
        {
            return (null, "initdb failed: " + initOutput);
        }
        var port = FreePort();
        // Tests only: no fsync (a crash of the machine is not what they test); the server's own crash safety is.
        var settings = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        if (Run(Path.Combine(binaries, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", settings, "start"], runAs, out var startOutput) != 0)
        {
            return (null, "pg_ctl could not start PostgreSQL: " + startOutput + ReadLog(folder));
        }
        var cluster = new PostgresCluster($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", folder, binaries, runAs);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return (cluster, null);
    }

    private void Stop()
    {
        if (_folder is null || _binaries is null)
        {
            return;
        }
        Run(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], _runAs, out _);
        TryDelete(_folder);
    }

    /// <summary>Clusters left by test processes that were killed before they could stop them.</summary>
    private static void StopAbandoned(string binaries, string? runAs)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid) || IsAlive(pid))
            {
                continue;
            }
            if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
            {
                Run(Path.Combine(binaries, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], runAs, out _);
            }
            TryDelete(folder);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>On PATH, else Debian's versioned folder (the newest).</summary>
    private static string? FindBinaries()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        return path.Concat(debian).FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    private static int Run(string program, IEnumerable<string> arguments, string? runAs, out string output)
    {
        var start = new ProcessStartInfo(runAs is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (runAs is not null)
        {
            foreach (var part in new[] { "-u", runAs, "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(start)!;
            // pg_ctl's server keeps stdout open: read what the command itself printed, then stop waiting.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
            output = (stdout.IsCompleted ? stdout.Result : "") + (stderr.IsCompleted ? stderr.Result : "");
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            output = ex.Message;
            return -1;
        }
    }

    private static string ReadLog(string folder)
    {
        try
        {
            return "\n" + File.ReadAllText(Path.Combine(folder, "server.log"));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
