using CccdRecon.Cli.Batch;
using CccdRecon.Core.Access;
using CccdRecon.Contracts.V1;
using CccdRecon.Core.Interchange;
using CccdRecon.Server.Tests.Infrastructure;

namespace CccdRecon.Server.Tests;

/// <summary><c>cccdrecon batch</c> against a real server: interruption, resume, and the offline output files.</summary>
public sealed class BatchCommandTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("cccdrecon-cli-").FullName;
    private string RegistryCsv => Path.Combine(_work, "registry.csv");
    private string FormsCsv => Path.Combine(_work, "forms.csv");
    private string Out => Path.Combine(_work, "out");

    public Task InitializeAsync()
    {
        var records = Enumerable.Range(7000, 160).Select(Cast.Record).ToList();
        var forms = records.Select((r, i) => i % 5 == 4 ? People.FormFor(r, $"C-{i:D4}").WithoutMiddleName() : People.FormFor(r, $"C-{i:D4}"))
            .Concat(Enumerable.Range(0, 40).Select(i => People.Stranger($"C-N{i:D2}")))
            .ToList();
        using (var writer = new StreamWriter(RegistryCsv))
        {
            InterchangeCsv.WriteRegistry(writer, records.Select(r => r.ToDomain()));
        }
        using (var writer = new StreamWriter(FormsCsv))
        {
            InterchangeCsv.WriteForms(writer, forms.Select(f => f.ToDomain()));
        }
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_run_cut_off_by_the_server_going_away_fails_loudly_and_the_rerun_completes_the_same_batch_once()
    {
        var settings = new[] { "Batch:ChunkSize=8", "Batch:PauseBetweenChunks=00:00:00.100", "Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050" };
        var server = new ServerProcess(null, settings);
        await using var _ = server;
        await server.StartAsync();

        // First run: the server is killed while the batch is being matched.
        var errors = new StringWriter();
        var first = Task.Run(() => Job(errors).RunAsync(Request(server)));
        await WaitUntilAsync(async () => (await Find(server))?.ProcessedCount > 0);
        server.Kill();
        Assert.Equal(BatchExitCode.ServerGone, await first);
        Assert.Contains("went away", errors.ToString());
        Assert.Contains("again to resume", errors.ToString());

        // Second run on the restarted server resumes the same batch.
        await server.StartAsync();
        var console = new StringWriter();
        var exit = await Job(new StringWriter(), console).RunAsync(Request(server));

        Assert.Equal(BatchExitCode.Done, exit);
        Assert.Contains("resuming batch", console.ToString());
        var batch = (await server.Batches.ListBatchesAsync(new ListBatchesRequest { FormsHash = (await Find(server))!.FormsHash })).Batches;
        var only = Assert.Single(batch);
        Assert.Equal((200L, 200L, 200L), (only.FormCount, only.ReceivedCount, only.ProcessedCount));
        Assert.Equal((128L, 32L, 40L), (only.CleanCount, only.ReviewCount, only.NoMatchCount));
        AssertOutputs(expectedForms: 200, clean: 128, reviewForms: 32);
    }

    [Fact]
    public async Task An_upload_cut_off_half_way_is_resumed_after_the_forms_the_server_already_has()
    {
        await using var server = await ServerProcess.StartNewAsync("Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");
        // Simulate a first run that imported the registry, created the batch and sent 70 forms before dying.
        var hash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(FormsCsv)));
        using (var registry = File.OpenRead(RegistryCsv))
        {
            await server.ImportAsync(InterchangeCsv.ReadRegistry(registry, _ => { }).Select(r => r.ToProto()).ToList());
        }
        var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, FormsHash = hash })).Batch;
        using (var forms = File.OpenRead(FormsCsv))
        {
            await server.AddFormsAsync(batch.BatchId, InterchangeCsv.ReadForms(forms, _ => { }).Take(70).Select(r => r.ToProto()).ToList(), perMessage: 35);
        }

        var exit = await Job(new StringWriter()).RunAsync(Request(server));

        Assert.Equal(BatchExitCode.Done, exit);
        var done = (await server.Batches.GetBatchAsync(new GetBatchRequest { BatchId = batch.BatchId })).Batch;
        // Received 200, not 270: the first 70 were not sent again.
        Assert.Equal((200L, 200L, 200L), (done.FormCount, done.ReceivedCount, done.ProcessedCount));
        AssertOutputs(expectedForms: 200, clean: 128, reviewForms: 32);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_and_the_exit_code_is_not_zero()
    {
        var exit = await Job(new StringWriter()).RunAsync(Request(new Uri("http://127.0.0.1:9")));

        Assert.Equal(BatchExitCode.ServerGone, exit);
    }

    [Fact]
    public void The_server_option_must_be_an_http_address()
    {
        var command = BatchCommand.Create();

        Assert.NotEmpty(command.Parse(["--server", "localhost:5080", "--unit", People.Unit, "--registry", RegistryCsv, "--forms", FormsCsv, "--out", Out]).Errors);
        Assert.Empty(command.Parse(["--server", "http://127.0.0.1:5080", "--unit", People.Unit, "--registry", RegistryCsv, "--forms", FormsCsv, "--out", Out]).Errors);
        Assert.NotEmpty(command.Parse(["--server", "http://127.0.0.1:5080", "--unit", "Phường 5", "--registry", RegistryCsv, "--forms", FormsCsv, "--out", Out]).Errors);
    }

    [Fact]
    public void The_token_command_takes_known_roles_and_unit_codes_only()
    {
        var command = Cli.Token.TokenCommand.Create();

        Assert.Empty(command.Parse(["--role", Roles.Reviewer, "--unit", "05443", "--unit", "164", "--subject", "can.bo.lan"]).Errors);
        Assert.Empty(command.Parse(["--role", Roles.Registry, "--role", Roles.Batch]).Errors);
        Assert.NotEmpty(command.Parse(["--role", "recon.everything"]).Errors);
        Assert.NotEmpty(command.Parse(["--role", Roles.Reviewer, "--unit", "0544"]).Errors);
        Assert.NotEmpty(command.Parse(["--unit", "05443"]).Errors);
    }

    [Fact]
    public async Task Without_a_token_or_without_the_roles_the_command_says_what_is_missing()
    {
        await using var server = await ServerProcess.StartNewAsync();
        var errors = new StringWriter();

        var exit = await Job(errors).RunAsync(Request(new Uri(server.Address)));

        Assert.Equal(BatchExitCode.BadInput, exit);
        Assert.Contains("cccdrecon token", errors.ToString());
        Assert.Contains("CCCDRECON_TOKEN", errors.ToString());

        // A token that may run batches but not import the registry is refused at the import stream.
        var refused = new StringWriter();
        var batchOnly = Request(new Uri(server.Address)) with { Token = server.Token("batch.only", [Roles.Batch]), PerMessage = 10 };
        Assert.Equal(BatchExitCode.BadInput, await Job(refused).RunAsync(batchOnly));
        Assert.Contains("recon.registry", refused.ToString());
    }

    private void AssertOutputs(int expectedForms, int clean, int reviewForms)
    {
        foreach (var name in new[] { "results.csv", "clean.csv", "review.csv", "rejected.csv", "summary.json" })
        {
            Assert.True(File.Exists(Path.Combine(Out, name)), name);
        }
        using var stream = File.OpenRead(Path.Combine(Out, "results.csv"));
        var rows = InterchangeCsv.ReadResults(stream, r => Assert.Fail(r.Reason)).ToList();
        Assert.Equal(expectedForms, rows.Select(r => r.FormId).Distinct().Count());
        Assert.Equal(expectedForms, rows.Count);
        Assert.Equal(clean + 1, File.ReadAllLines(Path.Combine(Out, "clean.csv")).Length);
        var reviewLines = File.ReadAllLines(Path.Combine(Out, "review.csv")).Skip(1).ToList();
        Assert.Equal(reviewForms, reviewLines.Select(l => l.Split(',')[0]).Distinct().Count());
        var summary = File.ReadAllText(Path.Combine(Out, "summary.json"));
        Assert.Contains($"\"forms\": {expectedForms}", summary);
    }

    /// <summary>The least the command needs: import the registry, run the batch, read the clean records.</summary>
    private BatchClientRequest Request(ServerProcess server) => Request(new Uri(server.Address)) with
    {
        Token = server.Token("upload.tool", [Roles.Registry, Roles.Batch, Roles.Intake]),
    };

    private BatchClientRequest Request(Uri server) => new(server, RegistryCsv, FormsCsv, Out) { ShowProgress = false, PerMessage = 50, Unit = People.Unit };

    private static BatchClientJob Job(TextWriter errors, TextWriter? console = null) => new(TimeProvider.System, console ?? new StringWriter(), errors);

    private async Task<Batch?> Find(ServerProcess server)
    {
        var all = await server.Batches.ListBatchesAsync(new ListBatchesRequest());
        return all.Batches.FirstOrDefault();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException)
            {
                // Not there yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("condition not reached");
    }
}
