using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// A real cluster on loopback: redis-server on a private port for membership, silo processes (CccdRecon.Silo), and an
/// Orleans client host in this process. Everything is stopped on dispose.
/// </summary>
internal sealed class LoopbackCluster : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly string _root;
    private readonly IReadOnlyList<string> _siloArgs;
    private IHost? _client;

    private LoopbackCluster(string root, int redisPort, IReadOnlyList<string> siloArgs)
    {
        _root = root;
        _siloArgs = siloArgs;
        Options = new ClusterOptions
        {
            Enabled = true,
            ClusterId = "test-" + Guid.NewGuid().ToString("N")[..8],
            MembershipConnectionString = $"127.0.0.1:{redisPort}",
            SnapshotDirectory = Path.Combine(root, "snapshots"),
        };
    }

    public ClusterOptions Options { get; }

    public List<Process> Silos { get; } = [];

    /// <summary>The services of the Orleans client host in this process (none when started with no silo).</summary>
    public IServiceProvider Services => _client?.Services ?? throw new InvalidOperationException("started with no silo: no client in this process");

    /// <summary>The redis-server on PATH, or null.</summary>
    public static string? RedisServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);

    /// <summary>
    /// The redis-server a test starts. Where there is none the test is skipped (<see cref="LoopbackClusterFactAttribute"/>),
    /// except in CI, where .ci/run installs it: there the test fails.
    /// </summary>
    public static string RequireRedis() => RedisServer()
        ?? throw new Xunit.Sdk.XunitException("redis-server is not on PATH, and CI is set: a multi-process cluster test cannot be skipped in CI");

    internal static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } ci && (string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <param name="siloArgs">more settings for every silo (e.g. <c>--Cluster:RegistrySource=Database</c>)</param>
    public static async Task<LoopbackCluster> StartAsync(string redis, string root, int silos, IReadOnlyList<string>? siloArgs = null)
    {
        var redisPort = FreePort();
        var cluster = new LoopbackCluster(root, redisPort, siloArgs ?? []);
        try
        {
            var server = cluster.Start(redis, $"--port {redisPort} --bind 127.0.0.1 --save \"\" --appendonly no");
            await WaitForPortAsync(redisPort, server);
            for (var i = 0; i < silos; i++) cluster.Silos.Add(cluster.StartSilo());
            // No silo: membership only (a test starts silos later); the client here would wait for a gateway.
            if (silos == 0) return cluster;
            var builder = Host.CreateApplicationBuilder();
            builder.UseOrleansClient(client => client.UseCccdReconCluster(cluster.Options));
            cluster._client = builder.Build();
            await cluster._client.StartAsync();
            var management = cluster.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while ((await management.GetHosts(onlyActive: true)).Count < silos)
                await Task.Delay(200, timeout.Token);
            return cluster;
        }
        catch
        {
            // A cluster that never formed must not leave redis-server and silos running (nobody holds it to dispose).
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Process StartSilo()
    {
        var silo = SiloAssembly();
        var args = string.Join(' ', (string[])[
            $"\"{silo}\"",
            $"--Cluster:ClusterId={Options.ClusterId}",
            $"--Cluster:MembershipConnectionString={Options.MembershipConnectionString}",
            $"--Cluster:SnapshotDirectory=\"{Options.SnapshotDirectory}\"",
            $"--Cluster:SiloPort={FreePort()}",
            $"--Cluster:GatewayPort={FreePort()}",
            // Declare a killed silo dead within seconds (Orleans' defaults take longer).
            "--Cluster:Failover:ProbeTimeout=00:00:01",
            "--Cluster:Failover:NumMissedProbesLimit=2",
            "--Cluster:Failover:NumVotesForDeathDeclaration=1",
            "--Cluster:Failover:TableRefreshTimeout=00:00:02",
            "--Cluster:Failover:IAmAliveTablePublishTimeout=00:00:05",
            .. _siloArgs.Select(a => $"\"{a}\"")]);
        return Start("dotnet", args);
    }

    private Process Start(string file, string arguments)
    {
        var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>SIGKILL: the silo gets no chance to hand anything over.</summary>
    public static void Kill(Process silo) => silo.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try { await _client.StopAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { }
            _client.Dispose();
        }
        foreach (var process in _processes)
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    internal static string SiloAssembly()
    {
        // tests/CccdRecon.Cluster.Tests/bin/<Configuration>/net10.0 → src/CccdRecon.Silo/bin/<Configuration>/net10.0
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = output.Parent!.Name;
        var root = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", "CccdRecon.Silo", "bin", configuration, output.Name, "CccdRecon.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build src/CccdRecon.Silo first", path);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port, Process owner)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (owner.HasExited) throw new InvalidOperationException($"redis-server exited with {owner.ExitCode}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException) { await Task.Delay(100, timeout.Token); }
        }
    }
}

/// <summary>
/// <c>[Fact]</c> of a test that starts redis-server and silo processes on loopback: skipped, with the reason, where
/// redis-server is missing (not in CI, where it must be there) or, in the PostgreSQL build, where no PostgreSQL can start.
/// </summary>
public sealed class LoopbackClusterFactAttribute : Xunit.FactAttribute
{
    public LoopbackClusterFactAttribute()
    {
        if (Testing.TestDatabase.SkipReason is { } database) Skip = database;
        else if (LoopbackCluster.RedisServer() is null && !LoopbackCluster.IsCi)
            Skip = "needs redis-server on PATH for cluster membership: Debian `apt-get install redis-server` (.ci/run installs it)";
    }
}
