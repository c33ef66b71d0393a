using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Messaging;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// SQL Server membership (<c>Cluster:Membership=AdoNet</c>) as far as it goes without a SQL Server (none runs here): the
/// silo's membership table and the client's gateway list are Orleans' ADO.NET ones, configured from the Cluster
/// section, and each reaches for the server through the configured ADO.NET provider (Microsoft.Data.SqlClient, loaded by
/// its invariant name) — a refused connection comes back as SQL Server's own error. What stays unproven: the tables
/// made by Orleans' published scripts, and a cluster forming on them.
/// </summary>
public sealed class AdoNetMembershipTests
{
    private const string SqlException = "Microsoft.Data.SqlClient.SqlException";

    // Nothing listens on port 1 of loopback: the connection is refused at once.
    private static ClusterOptions Options => new()
    {
        Enabled = true,
        ClusterId = "adonet-test",
        Membership = ClusterOptions.AdoNetMembership,
        MembershipConnectionString = "Server=tcp:127.0.0.1,1;Database=OrleansMembership;User ID=orleans;Password=unused;Connect Timeout=2;TrustServerCertificate=true",
    };

    [Fact]
    public async Task A_silo_keeps_membership_in_sql_server_through_the_configured_provider()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseCccdReconMembership(Options));
        using var host = builder.Build();

        var table = host.Services.GetRequiredService<IMembershipTable>();
        Assert.Equal("AdoNetClusteringTable", table.GetType().Name);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None));
        Assert.Contains(Chain(failure), e => e.GetType().FullName == SqlException);
    }

    [Fact]
    public async Task A_client_reads_its_gateways_from_sql_server_through_the_configured_provider()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseCccdReconCluster(Options));
        using var host = builder.Build();

        var gateways = host.Services.GetRequiredService<IGatewayListProvider>();
        Assert.Equal("AdoNetGatewayListProvider", gateways.GetType().Name);
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await gateways.InitializeGatewayListProvider();
            await gateways.GetGateways();
        });
        Assert.Contains(Chain(failure), e => e.GetType().FullName == SqlException);
    }

    [Fact]
    public void Membership_other_than_redis_or_adonet_is_refused_with_the_setting_named()
    {
        var options = Options;
        options.Membership = "SqlServer";
        Assert.Contains("Cluster:Membership must be Redis or AdoNet.", options.Validate());
        Assert.Empty(Options.Validate());
    }

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}
