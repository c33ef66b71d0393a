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
        AssertDoneOnce(Assert.Single(batch));
    }

    [Fact]
    public async Task An_upload_cut_off_half_way_is_resumed_after_the_forms_the_server_already_has()
    {
        await using var server = await ServerProcess.StartNewAsync("Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");
        // Simulate a first run that imported the registry, created the batch and sent 70 forms before dying.
        var hash = BatchClientJob.BatchKey(People.Unit, RegistryCsv, FormsCsv);
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
    public async Task A_run_that_died_after_creating_the_batch_but_before_its_import_finished_is_resumed_with_the_registry_imported_again()
    {
        await using var server = await ServerProcess.StartNewAsync("Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");
        // Simulate a first run that created the batch and died while its registry import (40 of 160 records) and its
        // upload (70 of 200 forms) were under way side by side.
        var hash = BatchClientJob.BatchKey(People.Unit, RegistryCsv, FormsCsv);
        var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, FormsHash = hash })).Batch;
        using (var registry = File.OpenRead(RegistryCsv))
        {
            await server.ImportAsync(InterchangeCsv.ReadRegistry(registry, _ => { }).Take(40).Select(r => r.ToProto()).ToList());
        }
        using (var forms = File.OpenRead(FormsCsv))
        {
            await server.AddFormsAsync(batch.BatchId, InterchangeCsv.ReadForms(forms, _ => { }).Take(70).Select(r => r.ToProto()).ToList(), perMessage: 35);
        }

        var console = new StringWriter();
        var exit = await Job(new StringWriter(), console).RunAsync(Request(server));

        Assert.Equal(BatchExitCode.Done, exit);
        Assert.Contains("resuming batch", console.ToString());
        // Matched against the whole registry: the same decisions as a run never interrupted.
        AssertDoneOnce((await server.Batches.GetBatchAsync(new GetBatchRequest { BatchId = batch.BatchId })).Batch);
    }

    [Fact]
    public async Task The_registry_is_sent_beside_the_forms_and_the_batch_is_started_only_after_the_whole_import()
    {
        await using var server = await ServerProcess.StartNewAsync("Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");

        var exit = await Job(new StringWriter()).RunAsync(Request(server) with { PerMessage = 10 });

        Assert.Equal(BatchExitCode.Done, exit);
        var events = (await server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "upload.tool", PageSize = 1000 })).Events.ToList();
        var imported = events.FindAll(e => e.Action == "registry.import_records");
        Assert.Equal(160, imported.Sum(e => e.TargetIds.Count));
        var created = events.FindIndex(e => e.Action == "batch.create_batch");
        var started = events.FindIndex(e => e.Action == "batch.start_batch");
        // The batch exists before the import (the forms go up meanwhile); every import write is before the start.
        Assert.True(created >= 0 && started > created);
        Assert.All(imported, e => Assert.InRange(events.IndexOf(e), created + 1, started - 1));
        AssertOutputs(expectedForms: 200, clean: 128, reviewForms: 32);
    }

    [Fact]
    public async Task The_download_lists_each_result_once_and_writes_review_csv_from_the_same_pages()
    {
        await using var server = await ServerProcess.StartNewAsync("Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");

        var exit = await Job(new StringWriter()).RunAsync(Request(server));

        Assert.Equal(BatchExitCode.Done, exit);
        AssertOutputs(expectedForms: 200, clean: 128, reviewForms: 32);
        var events = (await server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "upload.tool", PageSize = 1000 })).Events;
        // One page of 200 results, none asked for again by status for review.csv; one export of the clean records.
        var listed = Assert.Single(events, e => e.Action == "batch.list_results");
        Assert.Equal(200, listed.TargetIds.Count(t => t.StartsWith("form:", StringComparison.Ordinal)));
        Assert.Single(events, e => e.Action == "intake.export_clean_records");
        // review.csv: the review results' discrepancies in results.csv's order, as the listing by status gave them.
        var reviewForms = File.ReadAllLines(Path.Combine(Out, "review.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
        var resultOrder = File.ReadAllLines(Path.Combine(Out, "results.csv")).Skip(1).Select(l => l.Split(','))
            .Where(c => c[1] == "review").Select(c => c[0]).ToList();
        Assert.Equal(resultOrder, reviewForms);
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

    [Fact]
    public async Task A_run_for_another_unit_with_another_registry_is_another_batch_and_imports_that_registry()
    {
        await using var server = await ServerProcess.StartNewAsync("Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");
        Assert.Equal(BatchExitCode.Done, await Job(new StringWriter()).RunAsync(Request(server)));
        var otherRegistry = Path.Combine(_work, "registry-05446.csv");
        using (var writer = new StreamWriter(otherRegistry))
        {
            InterchangeCsv.WriteRegistry(writer, Enumerable.Range(9100, 20).Select(Cast.Record).Select(r => r.ToDomain()));
        }

        var console = new StringWriter();
        var errors = new StringWriter();
        var exit = await Job(errors, console).RunAsync(Request(server) with { Unit = People.OtherUnit, RegistryPath = otherRegistry });

        Assert.Equal(BatchExitCode.Done, exit);
        Assert.DoesNotContain("resuming", console.ToString());
        Assert.Contains("created", console.ToString());
        var batches = (await server.Batches.ListBatchesAsync(new ListBatchesRequest())).Batches;
        Assert.Equal([People.Unit, People.OtherUnit], batches.Select(b => b.Unit).Order());
        Assert.All(batches, b => Assert.Equal((200L, BatchState.Succeeded), (b.ProcessedCount, b.State)));
        // The second registry was imported: its records are on the server.
        Assert.Equal(Cast.Record(9100).RecordId, (await server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = Cast.Record(9100).RecordId })).Record.RecordId);

        // The same unit with the same files again is the same batch.
        var again = new StringWriter();
        Assert.Equal(BatchExitCode.Done, await Job(new StringWriter(), again).RunAsync(Request(server) with { Unit = People.OtherUnit, RegistryPath = otherRegistry }));
        Assert.Contains("resuming batch", again.ToString());
        Assert.Equal(2, (await server.Batches.ListBatchesAsync(new ListBatchesRequest())).Batches.Count);
    }

    [Fact]
    public async Task Killing_the_server_during_the_upload_is_exit_code_3_and_the_rerun_finishes_the_batch()
    {
        // Enough forms, sent 5 at a time, for the upload to be under way when the server is killed.
        using (var writer = new StreamWriter(FormsCsv))
        {
            InterchangeCsv.WriteForms(writer, Enumerable.Range(0, 3000).Select(i => People.Stranger($"U-{i:D5}").ToDomain()));
        }
        var server = new ServerProcess(null, "Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");
        await using var _ = server;
        await server.StartAsync();
        var errors = new StringWriter();
        var request = Request(server) with { PerMessage = 5 };

        var first = Task.Run(() => Job(errors).RunAsync(request));
        await WaitUntilAsync(async () => (await Find(server))?.ReceivedCount > 0);
        server.Kill();

        Assert.Equal(BatchExitCode.ServerGone, await first);
        var line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("went away", line);
        Assert.False(File.Exists(Path.Combine(Out, "results.csv")));

        await server.StartAsync();
        var rerunErrors = new StringWriter();
        var rerun = await Job(rerunErrors).RunAsync(Request(server) with { PerMessage = 5 }); // the restarted server has another port
        Assert.True(rerun == BatchExitCode.Done, $"exit {rerun}: {rerunErrors}");
        var only = Assert.Single((await server.Batches.ListBatchesAsync(new ListBatchesRequest())).Batches);
        Assert.Equal((3000L, 3000L), (only.FormCount, only.ProcessedCount));
    }

    public static TheoryData<string, string> BadForms => new()
    {
        { "form_id,full_name\nF1,Nguyễn Văn An\n", "date_of_birth" },
        { "", "header" },
        { "form_id,full_name,date_of_birth,gender\n", "no rows" },
        // Every row rejected: found before anything is sent, though the rows are parsed only as they are sent.
        { "form_id,full_name,date_of_birth,gender\nF1,,1990-01-01,nam\nF2,,1991-02-03,nu\n", "no row of" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_forms_file_is_one_line_and_nothing_is_sent_or_written(string content, string says)
    {
        await File.WriteAllTextAsync(FormsCsv, content);

        await AssertRefusedBeforeAnythingIsSentAsync(says, Cast.Record(7000).RecordId);
    }

    [Fact]
    public async Task A_registry_saved_in_another_encoding_is_one_line_and_nothing_is_sent_or_written()
    {
        // Windows-1258-like bytes (ê, â as single bytes): every row but the plain-ASCII one is not UTF-8.
        var rows = Enumerable.Range(0, 5).Select(i => $"R-{i},Nguyên Vân {i},1990-01-0{i + 1},nam").Append("R-9,Tran Van Ba,1990-01-09,nam");
        await File.WriteAllBytesAsync(RegistryCsv, System.Text.Encoding.Latin1.GetBytes("record_id,full_name,date_of_birth,gender\n" + string.Join('\n', rows) + "\n"));

        await AssertRefusedBeforeAnythingIsSentAsync("is not UTF-8", "R-9");
    }

    /// <summary>The run fails in one line that says <paramref name="says"/>: no batch, no record (<paramref name="recordId"/>) and no file.</summary>
    private async Task AssertRefusedBeforeAnythingIsSentAsync(string says, string recordId)
    {
        await using var server = await ServerProcess.StartNewAsync();
        var errors = new StringWriter();

        var exit = await Job(errors).RunAsync(Request(server));

        Assert.Equal(BatchExitCode.BadInput, exit);
        var line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(says, line);
        Assert.Empty((await server.Batches.ListBatchesAsync(new ListBatchesRequest())).Batches);
        await Rpc.FailsWith(Grpc.Core.StatusCode.NotFound, () => server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = recordId }).ResponseAsync);
        Assert.False(Directory.Exists(Out) && Directory.EnumerateFileSystemEntries(Out).Any(), "nothing written");
    }

    [Fact]
    public async Task A_bad_row_in_the_middle_of_either_file_is_reported_with_its_line_and_the_rest_is_sent()
    {
        // Line 60 of the registry and line 101 of the forms: a row with only its key, parsed while the rows around it are sent.
        static void InsertBadRow(string path, int line, string keyColumn, string key)
        {
            var lines = File.ReadAllLines(path).ToList();
            lines.Insert(line - 1, string.Join(',', lines[0].Split(',').Select(column => column == keyColumn ? key : "")));
            File.WriteAllLines(path, lines);
        }
        InsertBadRow(RegistryCsv, 60, "record_id", "R-BAD");
        InsertBadRow(FormsCsv, 101, "form_id", "C-BAD");
        await using var server = await ServerProcess.StartNewAsync();

        var exit = await Job(new StringWriter()).RunAsync(Request(server) with { PerMessage = 10 });

        Assert.Equal(BatchExitCode.Done, exit);
        var rejected = File.ReadAllLines(Path.Combine(Out, "rejected.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal([("registry", "60"), ("forms", "101")], rejected.Select(r => (r[0], r[1])));
        Assert.All(rejected, r => Assert.Contains("is empty", r[2]));
        AssertDoneOnce((await Find(server))!);
        Assert.Equal(160, (await server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "upload.tool", PageSize = 1000 })).Events
            .Where(e => e.Action == "registry.import_records").Sum(e => e.TargetIds.Count));
    }

    [Fact]
    public async Task A_token_that_may_not_read_intake_is_refused_before_anything_is_sent_or_written()
    {
        await using var server = await ServerProcess.StartNewAsync();
        var errors = new StringWriter();
        var noIntake = Request(new Uri(server.Address)) with { Token = server.Token("no.intake", [Roles.Registry, Roles.Batch]) };

        var exit = await Job(errors).RunAsync(noIntake);

        Assert.Equal(BatchExitCode.BadInput, exit);
        Assert.Contains("recon.intake", errors.ToString());
        Assert.Empty((await server.Batches.ListBatchesAsync(new ListBatchesRequest())).Batches);
        await Rpc.FailsWith(Grpc.Core.StatusCode.NotFound, () => server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = Cast.Record(7000).RecordId }).ResponseAsync);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Out));
    }

    /// <summary>The 200 forms received and matched once each against the whole registry, and the files written.</summary>
    private void AssertDoneOnce(Batch batch)
    {
        Assert.Equal((200L, 200L, 200L), (batch.FormCount, batch.ReceivedCount, batch.ProcessedCount));
        Assert.Equal((128L, 32L, 40L), (batch.CleanCount, batch.ReviewCount, batch.NoMatchCount));
        AssertOutputs(expectedForms: 200, clean: 128, reviewForms: 32);
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
