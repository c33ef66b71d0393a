using CccdRecon.Data;
using CccdRecon.Server.Tests.Infrastructure;
using CccdRecon.Testing;
using Grpc.Health.V1;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Server.Tests;

public sealed class StartupTests
{
    [NoDatabaseTheory]
    [InlineData("Limits:MaxPageSize=0", "MaxPageSize")]
    [InlineData("Limits:DefaultPageSize=500 Limits:MaxPageSize=100", "DefaultPageSize")]
    [InlineData("Batch:ChunkSize=-5", "ChunkSize")]
    [InlineData("Limits:MaxFieldLength=1000", "MaxFieldLength")]
    public async Task Invalid_limits_stop_the_server_at_start_and_say_which(string settings, string named)
    {
        await using var server = new ServerProcess(null, settings.Split(' '));

        var exitCode = await server.RunToExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(named, server.Output);
    }

    [NoDatabaseFact]
    public async Task Help_prints_the_usage_exits_0_and_starts_nothing_whatever_else_is_given()
    {
        var port = FreePort();

        var (exit, output, errors) = await RunServerAsync(["--help", "--urls", $"http://127.0.0.1:{port}"]);

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output);
        Assert.Empty(errors);
        Assert.Throws<System.Net.Sockets.SocketException>(() => new System.Net.Sockets.TcpClient().Connect(System.Net.IPAddress.Loopback, port));
    }

    [NoDatabaseTheory]
    [InlineData("stray")]
    [InlineData("--urls")]
    [InlineData("--urls --Limits:MaxPageSize=5")]
    [InlineData("--Limts:MaxPageSize=5")]
    [InlineData("-x")]
    [InlineData("--urls http://127.0.0.1:1 --urls http://127.0.0.1:2")]
    public async Task Unknown_incomplete_or_conflicting_arguments_are_refused_in_one_line(string arguments)
    {
        var (exit, output, errors) = await RunServerAsync(arguments.Split(' '));

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Single(errors.Trim().Split('\n'));
        Assert.StartsWith("error: ", errors);
    }

    private static async Task<(int Exit, string Output, string Errors)> RunServerAsync(IEnumerable<string> arguments)
    {
        var folder = Directory.CreateTempSubdirectory("cccdrecon-args-").FullName;
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            start.ArgumentList.Add(ServerProcess.ServerDll);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["DOTNET_ENVIRONMENT"] = "Development";
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task The_database_is_created_on_first_start_and_records_are_back_in_the_index_after_a_restart()
    {
        var server = new ServerProcess(null);
        await using var _ = server;
        await server.StartAsync();
        Assert.True(await TestDatabase.ExistsAsync(server.DataDirectory));
        var records = Enumerable.Range(4000, 12).Select(Cast.Record).ToList();
        await server.ImportAsync(records);
        // The same forms decided before and after: the index rebuilt from the database (a range of keys at a time) is
        // the one the imports built.
        var before = await DecisionsAsync(server, records);
        server.Kill();

        await server.StartAsync();

        var back = await server.Registry.GetRecordAsync(new Contracts.V1.GetRecordRequest { RecordId = records[0].RecordId });
        Assert.Equal(records[0].FullName, back.Record.FullName);
        Assert.Equal(before, await DecisionsAsync(server, records));
        Assert.Contains($"Registry index rebuilt: {records.Count} records", server.Output, StringComparison.Ordinal);
        var health = await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    /// <summary>The decision on a form of each of a few records and on a stranger's: status, record and why.</summary>
    private static async Task<List<string>> DecisionsAsync(ServerProcess server, List<Contracts.V1.RegistryRecord> records)
    {
        var decisions = new List<string>();
        var forms = records.Where((_, i) => i % 4 == 0).Select((r, i) => People.FormFor(r, $"RS-{i}")).Append(People.Stranger("RS-X"));
        foreach (var form in forms)
        {
            var decided = (await server.Reconciliation.ReconcileAsync(new Contracts.V1.ReconcileRequest { Form = form })).Reconciliation;
            decisions.Add($"{decided.FormId} {decided.Status} {decided.RecordId} {decided.Explanation.Decision}");
        }
        return decisions;
    }

    [Fact]
    public async Task A_batchs_code_runs_once_before_the_server_reports_serving_and_leaves_nothing_behind()
    {
        var server = await ServerProcess.StartNewAsync();
        await using var _ = server;

        // StartNewAsync returned on SERVING: the warm-up had ended by then, and Kestrel listened only after it.
        var output = server.Output;
        var warmedUp = output.IndexOf("Warm-up:", StringComparison.Ordinal);
        Assert.True(warmedUp >= 0, $"no warm-up logged before SERVING:\n{output}");
        var listening = output.IndexOf("Now listening", StringComparison.Ordinal);
        Assert.True(listening < 0 || warmedUp < listening, $"the server listened before its warm-up ended:\n{output}");
        // Nothing written: no batch, none of the invented records; and none of them in the log.
        Assert.Empty((await server.Batches.ListBatchesAsync(new Contracts.V1.ListBatchesRequest())).Batches);
        var invented = await Assert.ThrowsAsync<Grpc.Core.RpcException>(
            () => server.Registry.GetRecordAsync(new Contracts.V1.GetRecordRequest { RecordId = "W00000" }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, invented.StatusCode);
        Assert.DoesNotContain("W00000", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn", output, StringComparison.Ordinal);
        Assert.Empty(ServerLog.Errors(output));
    }

    [NoDatabaseTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void The_model_builds_for_each_provider_and_its_migrations_are_up_to_date(DatabaseProvider provider)
    {
        var builder = new DbContextOptionsBuilder<ReconDbContext>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = provider }, provider switch
        {
            DatabaseProvider.SqlServer => "Server=127.0.0.1;Database=Unused;TrustServerCertificate=true",
            DatabaseProvider.PostgreSql => "Host=127.0.0.1;Database=unused;Username=unused",
            _ => "Data Source=:memory:",
        });
        using var db = new ReconDbContext(builder.Options);

        var script = db.Database.GenerateCreateScript();

        Assert.Contains("ReviewCases", script);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider} migrations lag the model: add a migration");
    }

    [NoDatabaseFact]
    public void The_committed_sql_server_script_covers_every_migration()
    {
        var builder = new DbContextOptionsBuilder<ReconDbContext>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.SqlServer }, "Server=127.0.0.1;Database=Unused");
        using var db = new ReconDbContext(builder.Options);
        var script = File.ReadAllText(RepositoryFiles.SqlServerMigrationScript());

        Assert.All(db.Database.GetMigrations(), migration => Assert.Contains($"N'{migration}'", script));
    }
}
