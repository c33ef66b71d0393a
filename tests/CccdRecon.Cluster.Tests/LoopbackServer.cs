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

    private LoopbackServer(Process process, GrpcChannel channel)
    {
        _process = process;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    /// <summary>Starts the server in <paramref name="work"/> and waits until it answers (health SERVING: database migrated, registry ready).</summary>
    public static async Task<LoopbackServer> StartAsync(string work, IEnumerable<string> args, string[] roles, string[] units)
    {
        var port = LoopbackCluster.FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Its own console port: Development's default (5081) would be shared by servers of tests running side by side.
        foreach (var a in (string[])[ServerDll(), "--urls", $"http://127.0.0.1:{port}", $"--Console:Urls=http://127.0.0.1:{LoopbackCluster.FreePort()}", .. args])
            start.ArgumentList.Add(a);
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        var process = Process.Start(start)!;
        // The last lines, for a server that stops at start.
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            while (output.Count > 40) output.TryDequeue(out _);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var keyPath = Path.Combine(work, DevelopmentSigningKey.DefaultPath);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!DevelopmentSigningKey.TryLoad(keyPath, out _, out _))
        {
            Assert.False(process.HasExited, "the server stopped at start: " + string.Join("\n", output));
            await Task.Delay(200, timeout.Token);
        }
        Assert.True(DevelopmentSigningKey.TryLoad(keyPath, out var key, out var problem), problem);
        var token = TokenMinter.Mint(key, new TokenRequest("test.cluster", roles, units, TimeSpan.FromHours(1)), TimeProvider.System);
        var server = new LoopbackServer(process, ServerChannel.Create(new Uri($"http://127.0.0.1:{port}"), token));
        var health = new Grpc.Health.V1.Health.HealthClient(server.Channel);
        while (true)
        {
            Assert.False(process.HasExited, "the server stopped at start: " + string.Join("\n", output));
            try
            {
                if ((await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), cancellationToken: timeout.Token)).Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving)
                    return server;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable) { }
            await Task.Delay(200, timeout.Token);
        }
    }

    public static string ServerDll() => LoopbackCluster.SiloAssembly().Replace("CccdRecon.Silo", "CccdRecon.Server", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
