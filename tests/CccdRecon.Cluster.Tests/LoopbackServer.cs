using System.Collections.Concurrent;
using System.Diagnostics;
using CccdRecon.Cli.Token;
using CccdRecon.Contracts.Security;
using Grpc.Core;
using Grpc.Net.Client;

namespace CccdRecon.Cluster.Tests;

/// <summary>The gRPC server (CccdRecon.Server) as its own process on loopback, with a channel holding a token of the given roles.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _work;
    private readonly int _port;
    private readonly string[] _roles;
    private readonly string[] _units;
    // The last lines of its output, for a server that stops at start; its error output, whole.
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly SemaphoreSlim _lines = new(0);
    private GrpcChannel? _channel;

    private LoopbackServer(Process process, string work, int port, string[] roles, string[] units)
    {
        (_process, _work, _port, _roles, _units) = (process, work, port, roles, units);
    }

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("the server is not serving yet");

    public Process Process => _process;

    /// <summary>What it wrote to its error output (one line per entry).</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Starts the server in <paramref name="work"/> and waits until it answers (health SERVING: database migrated, registry ready).</summary>
    public static async Task<LoopbackServer> StartAsync(string work, IEnumerable<string> args, string[] roles, string[] units)
    {
        var server = Launch(work, args, roles, units);
        try
        {
            await server.WaitUntilServingAsync(TimeSpan.FromMinutes(3));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server in <paramref name="work"/> without waiting for it.</summary>
    public static LoopbackServer Launch(string work, IEnumerable<string> args, string[] roles, string[] units)
    {
        var port = LoopbackCluster.FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Its own console port: Development's default (5081) would be shared by servers of tests running side by side.
        foreach (var a in (string[])[ServerDll(), "--urls", $"http://127.0.0.1:{port}", $"--Console:Urls=http://127.0.0.1:{LoopbackCluster.FreePort()}", .. args])
            start.ArgumentList.Add(a);
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        var server = new LoopbackServer(Process.Start(start)!, work, port, roles, units);
        server._process.OutputDataReceived += (_, e) => server.Keep(e.Data, error: false);
        server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data, error: true);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    private void Keep(string? line, bool error)
    {
        if (line is null) return;
        if (error) _errors.Enqueue(line);
        _output.Enqueue(line);
        while (_output.Count > 40) _output.TryDequeue(out _);
        _lines.Release();
    }

    /// <summary>Waits for a line of its output containing <paramref name="text"/> (one written since it started).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        while (!_output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.False(_process.HasExited, $"the server stopped before writing '{text}': " + string.Join("\n", _output));
            try { await _lines.WaitAsync(TimeSpan.FromSeconds(1), cancel.Token); }
            catch (OperationCanceledException) { Assert.Fail($"the server did not write '{text}' within {timeout}: " + string.Join("\n", _output)); }
        }
    }

    /// <summary>Waits until health is SERVING, then opens the channel with a token of the server's development key.</summary>
    public async Task WaitUntilServingAsync(TimeSpan within)
    {
        var keyPath = Path.Combine(_work, DevelopmentSigningKey.DefaultPath);
        using var timeout = new CancellationTokenSource(within);
        while (!DevelopmentSigningKey.TryLoad(keyPath, out _, out _))
        {
            Assert.False(_process.HasExited, "the server stopped at start: " + string.Join("\n", _output));
            await Task.Delay(200, timeout.Token);
        }
        _channel ??= ChannelFor(_roles, _units);
        var health = new Grpc.Health.V1.Health.HealthClient(_channel);
        while (true)
        {
            Assert.False(_process.HasExited, "the server stopped at start: " + string.Join("\n", _output));
            try
            {
                if ((await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), cancellationToken: timeout.Token)).Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving)
                    return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable) { }
            await Task.Delay(200, timeout.Token);
        }
    }

    /// <summary>Another channel to the server, with a token of other roles and units (another person's).</summary>
    public GrpcChannel ChannelFor(string[] roles, string[] units)
    {
        Assert.True(DevelopmentSigningKey.TryLoad(Path.Combine(_work, DevelopmentSigningKey.DefaultPath), out var key, out var problem), problem);
        var token = TokenMinter.Mint(key, new TokenRequest("test.cluster", roles, units, TimeSpan.FromHours(1)), TimeProvider.System);
        return ServerChannel.Create(new Uri($"http://127.0.0.1:{_port}"), token);
    }

    public static string ServerDll() => LoopbackCluster.SiloAssembly().Replace("CccdRecon.Silo", "CccdRecon.Server", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _lines.Dispose();
    }
}
