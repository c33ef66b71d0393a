using CccdRecon.Core.Access;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// A server in cluster mode started before its cluster answers (issue 14): it waits — each attempt logged — and serves
/// once a silo is up; when none comes up within <c>Cluster:StartTimeout</c> it stops with one line on its error output
/// and a non-zero exit code, not a stack trace.
/// </summary>
public sealed class ClusterStartTests : IDisposable
{
    private const string NotReady = "The cluster is not ready";

    private readonly string _root = Directory.CreateTempSubdirectory("cccdrecon-start-").FullName;

    [LoopbackClusterFact]
    public async Task A_server_started_before_any_silo_waits_and_serves_once_one_is_up()
    {
        var redis = LoopbackCluster.RequireRedis();
        await using var cluster = await LoopbackCluster.StartAsync(redis, _root, silos: 0);
        await using var server = LoopbackServer.Launch(Work("waits"), Settings(cluster, Work("waits")), [Roles.Upstream], []);

        // It is waiting for the cluster (the membership table names no gateway yet), not dead.
        await server.WaitForOutputAsync(NotReady, TimeSpan.FromMinutes(2));
        Assert.False(server.Process.HasExited);

        cluster.Silos.Add(cluster.StartSilo());
        await server.WaitUntilServingAsync(TimeSpan.FromMinutes(3));
        Assert.Empty(server.Errors);
    }

    [LoopbackClusterFact]
    public async Task A_server_whose_cluster_never_answers_stops_after_the_bound_with_one_line_and_exit_2()
    {
        var redis = LoopbackCluster.RequireRedis();
        await using var cluster = await LoopbackCluster.StartAsync(redis, _root, silos: 0);
        await using var server = LoopbackServer.Launch(Work("gives-up"), [.. Settings(cluster, Work("gives-up")), "--Cluster:StartTimeout=00:00:05"], [Roles.Upstream], []);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await server.Process.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, server.Process.ExitCode);
        var line = Assert.Single(server.Errors, l => l.Length > 0);
        Assert.StartsWith("error: the cluster did not answer within Cluster:StartTimeout (00:00:05)", line, StringComparison.Ordinal);
        Assert.Contains($"Start the silos of cluster '{cluster.Options.ClusterId}'", line, StringComparison.Ordinal);
    }

    private static string[] Settings(LoopbackCluster cluster, string work) =>
    [
        $"--ConnectionStrings:Recon=Data Source={Path.Combine(work, "recon.db")}",
        "--Cluster:Enabled=true",
        $"--Cluster:ClusterId={cluster.Options.ClusterId}",
        $"--Cluster:MembershipConnectionString={cluster.Options.MembershipConnectionString}",
    ];

    private string Work(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
