using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using CccdRecon.Cli.Files;
using CccdRecon.Cli.Reconcile;
using CccdRecon.Cli.Terminal;
using CccdRecon.Contracts.V1;
using CccdRecon.Core.Interchange;
using Grpc.Core;
using Grpc.Net.Client;
using Domain = CccdRecon.Core.Matching;

namespace CccdRecon.Cli.Batch;

internal sealed record BatchClientRequest(Uri Server, string RegistryPath, string FormsPath, string OutputDirectory)
{
    /// <summary>Records or forms per streamed message (the server's default limit is 1,000): each is one transaction there.</summary>
    public int PerMessage { get; init; } = 1000;
    public bool ShowProgress { get; init; } = true;
    /// <summary>The administrative unit a new batch belongs to.</summary>
    public string Unit { get; init; } = "";
    public string? Token { get; init; }
}

/// <summary>Exit codes of <c>cccdrecon batch</c>.</summary>
internal static class BatchExitCode
{
    public const int Done = 0;
    public const int BadInput = 1;
    public const int ServerGone = 3;
    public const int Cancelled = 4;
}

/// <summary>
/// Runs a batch on the server and writes the offline <c>reconcile</c> files. The batch is found again by its key, the
/// SHA-256 of the forms file and of the registry file with the unit (<see cref="BatchKey"/>), so a rerun of the same
/// command after an interruption resumes it: the upload continues after the forms the server already received (its
/// <c>received_count</c>) beside a new import of the registry, and a started batch is only watched, never re-sent. A run for another unit or with another
/// registry is another batch. Before anything is sent or written, both files are hashed and checked (a file of which no row
/// can be read, or that is mostly not UTF-8, fails in one line: <see cref="InputFiles.CheckBeforeSending"/>), the output
/// folder is checked for writing and the token's roles are checked; the rows are parsed as they are sent, the rejected
/// ones reported with their lines; the files are written under temporary names and renamed when all are complete.
/// </summary>
internal sealed class BatchClientJob(TimeProvider time, TextWriter console, TextWriter errors)
{
    /// <summary>Seconds of the registry import and of the upload after it, for summary.json (absent when a resumed run skips them).</summary>
    private readonly Dictionary<string, double> _phases = [];

    /// <summary>Stands for a batch that does not exist in the calls that check the token's roles.</summary>
    private const string PermissionProbe = "permission-check";

    public async Task<int> RunAsync(BatchClientRequest request, CancellationToken cancellationToken = default)
    {
        OutputFiles outputs;
        string key;
        try
        {
            // Each file is read through once for its hash and its encoding (no row parsed), and parsed up to its first
            // readable row only: the rows are parsed as they are sent, and the rejected ones gathered then.
            var registry = Task.Run(() => InputFiles.CheckBeforeSending(request.RegistryPath, (s, r) => InterchangeCsv.ReadRegistry(s, r), cancellationToken), cancellationToken);
            var forms = Task.Run(() => InputFiles.CheckBeforeSending(request.FormsPath, (s, r) => InterchangeCsv.ReadForms(s, r), cancellationToken), cancellationToken);
            await Task.WhenAll(registry, forms).ContinueWith(_ => { }, TaskScheduler.Default);
            // Failures in the order the files were read one after the other: the registry's first.
            var registryHash = await registry;
            key = BatchKeyOf(request.Unit, registryHash, await forms);
            outputs = new OutputFiles(request.OutputDirectory);
        }
        catch (CliInputException bad)
        {
            await errors.WriteLineAsync($"error: {bad.Message}");
            return BatchExitCode.BadInput;
        }
        using (outputs)
        {
            return await RunOnServerAsync(request, key, outputs, cancellationToken);
        }
    }

    /// <summary>
    /// The rows both files reject, registry first, for a run that sends nothing (its batch already started): read
    /// through, as a run that sends them gathers them while it sends.
    /// </summary>
    private static async Task<List<(string File, CsvRejection Rejection)>> ScanRejectionsAsync(BatchClientRequest request, CancellationToken cancellationToken)
    {
        var registryScan = Task.Run(() => InputFiles.Scan(request.RegistryPath, (s, r) => InterchangeCsv.ReadRegistry(s, r), cancellationToken), cancellationToken);
        var formScan = Task.Run(() => InputFiles.Scan(request.FormsPath, (s, r) => InterchangeCsv.ReadForms(s, r), cancellationToken), cancellationToken);
        await Task.WhenAll(registryScan, formScan).ContinueWith(_ => { }, TaskScheduler.Default);
        var (_, registryRejections) = await registryScan;
        var (_, formRejections) = await formScan;
        return [.. registryRejections.Select(r => ("registry", r)), .. formRejections.Select(r => ("forms", r))];
    }

    /// <summary>
    /// What finds a batch again: the same forms, the same registry and the same unit. A batch is the same run only if all
    /// three agree (issue 12: a rerun for another unit with another registry once resumed the first unit's batch).
    /// </summary>
    internal static string BatchKey(string unit, string registryPath, string formsPath) => BatchKeyOf(unit, Sha256(registryPath), Sha256(formsPath));

    private static string BatchKeyOf(string unit, string registryHash, string formsHash) => $"sha256:{formsHash};registry=sha256:{registryHash};unit={unit}";

    /// <summary>
    /// The connection failed or the server went away: the rerun resumes. gRPC reports most of these as an
    /// <see cref="RpcException"/>, but a request stream being written when the connection drops fails with the
    /// transport's own exception. Local files fail as <see cref="CliInputException"/> (<see cref="LocalFileStream"/>), so
    /// an <see cref="IOException"/> here is the network's: a full disk is not a reason to run the batch again.
    /// </summary>
    internal static bool IsTransportFailure(Exception ex) => ex switch
    {
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled
            or StatusCode.DeadlineExceeded,
        IOException or HttpRequestException or SocketException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransportFailure),
        _ => ex.InnerException is { } inner && IsTransportFailure(inner),
    };

    private async Task<int> RunOnServerAsync(BatchClientRequest request, string key, OutputFiles outputs, CancellationToken cancellationToken)
    {
        List<(string File, CsvRejection Rejection)> rejections = [];
        var started = time.GetTimestamp();
        using var channel = Token.ServerChannel.Create(request.Server, request.Token);
        var batches = new BatchService.BatchServiceClient(channel);
        long registryRecords = 0;
        try
        {
            var batch = (await batches.ListBatchesAsync(new ListBatchesRequest { FormsHash = key, PageSize = 10 }, cancellationToken: cancellationToken))
                .Batches.FirstOrDefault(b => b.State != BatchState.Cancelled && b.Unit == request.Unit);
            // Every role the run needs is checked before it changes anything on the server or writes a file.
            await ProbeAsync(() => new IntakeService.IntakeServiceClient(channel).ListCleanRecordsAsync(
                new ListCleanRecordsRequest { BatchId = batch?.BatchId ?? PermissionProbe, PageSize = 1 }, cancellationToken: cancellationToken));
            if (batch is null || batch.State == BatchState.Open)
            {
                // Every run that sends forms imports the registry, on a stream of its own beside the upload, and starts the
                // batch only once both have returned: a batch is matched against the registry as it is when its chunks are
                // matched, so the import must be complete before the start. A rerun of an open batch cannot know whether
                // the first run's import finished (the batch is created before it), so it imports again (an upsert of
                // the same records: the same registry).
                var registry = new RegistryService.RegistryServiceClient(channel);
                await ProbeAsync(() => registry.GetRecordAsync(new GetRecordRequest { RecordId = PermissionProbe }, cancellationToken: cancellationToken));
                if (batch is null)
                {
                    batch = (await batches.CreateBatchAsync(new CreateBatchRequest { DisplayName = Path.GetFileName(request.FormsPath), FormsHash = key, Unit = request.Unit },
                        cancellationToken: cancellationToken)).Batch;
                    await console.WriteLineAsync($"batch {batch.BatchId} created");
                }
                else
                {
                    await console.WriteLineAsync($"resuming batch {batch.BatchId} (open, {batch.ReceivedCount} forms received; the registry is imported again)");
                }
                (registryRecords, batch) = await ImportAndUploadAsync(registry, batches, batch, request, rejections, cancellationToken);
                batch = (await batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId }, cancellationToken: cancellationToken)).Batch;
            }
            else
            {
                await console.WriteLineAsync($"resuming batch {batch.BatchId} ({batch.State.ToString().ToLowerInvariant()}, {batch.ProcessedCount} of {batch.FormCount} forms done)");
                rejections = await ScanRejectionsAsync(request, cancellationToken);
            }

            batch = await WatchAsync(batches, batch, request.ShowProgress, cancellationToken);
            if (batch.State != BatchState.Succeeded)
            {
                await errors.WriteLineAsync($"error: batch {batch.BatchId} was cancelled on the server");
                return BatchExitCode.Cancelled;
            }
            await WriteOutputsAsync(channel, batch, outputs, rejections, registryRecords, started, cancellationToken);
            outputs.Commit();
            await console.WriteLineAsync($"batch {batch.BatchId}: {batch.CleanCount} clean, {batch.ReviewCount} review, {batch.NoMatchCount} no_match, {batch.AmbiguousCount} ambiguous -> {request.OutputDirectory}");
            return BatchExitCode.Done;
        }
        catch (Exception ex) when (IsTransportFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"error: the server at {request.Server} is unreachable or went away ({Describe(ex)}). Run the same command again to resume the batch.");
            return BatchExitCode.ServerGone;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            await errors.WriteLineAsync(ex.StatusCode == StatusCode.Unauthenticated
                ? $"error: the server wants a valid token ({ex.Status.Detail}): pass --token or set {Token.ServerChannel.TokenVariable} (for a development server: cccdrecon token --role recon.admin)"
                : $"error: the token may not do this ({ex.Status.Detail}); the batch command needs recon.registry, recon.batch and recon.intake, or recon.admin");
            return BatchExitCode.BadInput;
        }
        catch (RpcException ex)
        {
            await errors.WriteLineAsync($"error: the server refused the batch: {ex.StatusCode}: {ex.Status.Detail}");
            return BatchExitCode.BadInput;
        }
        catch (CliInputException bad)
        {
            await errors.WriteLineAsync($"error: {bad.Message}");
            return BatchExitCode.BadInput;
        }
    }

    private static string Describe(Exception ex) => ex is RpcException rpc ? rpc.StatusCode.ToString() : "connection lost";

    /// <summary>
    /// Calls a method only to learn whether the token has its service's role: an access refusal (or a transport failure)
    /// is thrown, any other answer (the probe's batch or record does not exist) means the role is held.
    /// </summary>
    private static async Task ProbeAsync<T>(Func<AsyncUnaryCall<T>> call)
    {
        try
        {
            await call();
        }
        catch (RpcException ex) when (ex.StatusCode is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied) && !IsTransportFailure(ex))
        {
            // Not found or invalid: the call got past the access check.
        }
    }

    /// <summary>
    /// A server that ends a request stream early (a refused token, a limit) makes the next write fail with an
    /// InvalidOperationException; the call's status, in its response, is the error to report.
    /// </summary>
    private static async Task SendAsync<TRequest, TResponse>(AsyncClientStreamingCall<TRequest, TResponse> call, TRequest message, CancellationToken cancellationToken)
    {
        try
        {
            await call.RequestStream.WriteAsync(message, cancellationToken);
        }
        catch (InvalidOperationException) when (call.ResponseAsync.IsCompleted)
        {
            await call.ResponseAsync;
            throw;
        }
    }

    private static async Task<TResponse> FinishAsync<TRequest, TResponse>(AsyncClientStreamingCall<TRequest, TResponse> call)
    {
        try
        {
            await call.RequestStream.CompleteAsync();
        }
        catch (InvalidOperationException) when (call.ResponseAsync.IsCompleted)
        {
            // Already ended by the server: the response says how.
        }
        return await call;
    }

    private static string Sha256(string path) => InputFiles.Fingerprint(path, CancellationToken.None).Sha256;

    /// <summary>
    /// The registry import and the form upload at once, on two streams of one connection (the server parses, checks and
    /// writes each on its own): the registry's rejections before the forms', as when they ran one after the other. A
    /// failure of either ends the other; the first is the one thrown. In summary.json, <c>import</c> is the time until the
    /// import returned (the forms were sent meanwhile) and <c>upload</c> the time the upload took after it.
    /// </summary>
    private async Task<(long RegistryRecords, Contracts.V1.Batch Batch)> ImportAndUploadAsync(RegistryService.RegistryServiceClient registry,
        BatchService.BatchServiceClient batches, Contracts.V1.Batch batch, BatchClientRequest request, List<(string File, CsvRejection Rejection)> rejections,
        CancellationToken cancellationToken)
    {
        var total = new FileInfo(request.RegistryPath).Length + new FileInfo(request.FormsPath).Length;
        using var bar = request.ShowProgress ? new ProgressBar("sending registry+forms", total, errors, bytes: true) : null;
        var progress = new TwoStreamProgress(bar);
        var registryRejections = new List<(string File, CsvRejection Rejection)>();
        var formRejections = new List<(string File, CsvRejection Rejection)>();
        var clock = Stopwatch.StartNew();
        var importSeconds = 0.0;
        var (records, uploaded) = await BothAsync(
            async failed =>
            {
                var imported = await ImportRegistryAsync(registry, request, registryRejections, progress.First, failed);
                importSeconds = clock.Elapsed.TotalSeconds;
                return imported;
            },
            failed => UploadFormsAsync(batches, batch, request, formRejections, progress.Second, failed),
            cancellationToken);
        _phases["import"] = importSeconds;
        _phases["upload"] = Math.Max(0, clock.Elapsed.TotalSeconds - importSeconds);
        rejections.AddRange(registryRejections);
        rejections.AddRange(formRejections);
        return (records, uploaded);
    }

    /// <summary>Runs two calls at once; when one fails the other is cancelled, and the first failure is thrown.</summary>
    private static async Task<(TFirst, TSecond)> BothAsync<TFirst, TSecond>(Func<CancellationToken, Task<TFirst>> first, Func<CancellationToken, Task<TSecond>> second,
        CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;
        async Task<T> Run<T>(Func<CancellationToken, Task<T>> call)
        {
            try
            {
                return await call(failed.Token);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref firstFailure, ex, null);
                await failed.CancelAsync();
                throw;
            }
        }
        var one = Task.Run(() => Run(first), CancellationToken.None);
        var two = Task.Run(() => Run(second), CancellationToken.None);
        await Task.WhenAll(one, two).ContinueWith(_ => { }, TaskScheduler.Default);
        if (firstFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(firstFailure);
        }
        return (await one, await two);
    }

    /// <summary>One progress bar for two files read at once: the bytes read of both.</summary>
    private sealed class TwoStreamProgress(ProgressBar? bar)
    {
        private readonly Lock _lock = new();
        private long _first;
        private long _second;

        public void First(long position) => Report(ref _first, position);

        public void Second(long position) => Report(ref _second, position);

        private void Report(ref long field, long position)
        {
            lock (_lock)
            {
                field = position;
                bar?.Report(_first + _second);
            }
        }
    }

    private static async Task<long> ImportRegistryAsync(RegistryService.RegistryServiceClient registry, BatchClientRequest request,
        List<(string File, CsvRejection Rejection)> rejections, Action<long> progress, CancellationToken cancellationToken)
    {
        await using var stream = LocalFileStream.OpenRead(request.RegistryPath);
        using var call = registry.ImportRecords(cancellationToken: cancellationToken);
        var message = new ImportRecordsRequest();
        foreach (var record in InterchangeCsv.ReadRegistry(stream, r => rejections.Add(("registry", r)), cancellationToken))
        {
            message.Records.Add(record.ToProto());
            if (message.Records.Count == request.PerMessage)
            {
                await SendAsync(call, message, cancellationToken);
                message = new ImportRecordsRequest();
                progress(stream.Position);
            }
        }
        if (message.Records.Count > 0)
        {
            await SendAsync(call, message, cancellationToken);
        }
        var response = await FinishAsync(call);
        foreach (var rejected in response.Rejections)
        {
            rejections.Add(("registry", new CsvRejection(0, $"record {rejected.Key} (#{rejected.Index + 1}) refused by the server: {rejected.Reason}")));
        }
        return response.ImportedCount + response.UpdatedCount;
    }

    /// <summary>Streams the forms the batch has not received yet: the first <c>received_count</c> are skipped.</summary>
    private static async Task<Contracts.V1.Batch> UploadFormsAsync(BatchService.BatchServiceClient batches, Contracts.V1.Batch batch, BatchClientRequest request,
        List<(string File, CsvRejection Rejection)> rejections, Action<long> progress, CancellationToken cancellationToken)
    {
        await using var stream = LocalFileStream.OpenRead(request.FormsPath);
        using var call = batches.AddForms(cancellationToken: cancellationToken);
        var skip = batch.ReceivedCount;
        var message = new AddFormsRequest { BatchId = batch.BatchId };
        var sent = false;
        foreach (var form in InterchangeCsv.ReadForms(stream, r => rejections.Add(("forms", r)), cancellationToken))
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }
            message.Forms.Add(form.ToProto());
            if (message.Forms.Count == request.PerMessage)
            {
                await SendAsync(call, message, cancellationToken);
                sent = true;
                message = new AddFormsRequest { BatchId = batch.BatchId };
                progress(stream.Position);
            }
        }
        if (message.Forms.Count > 0 || !sent)
        {
            await SendAsync(call, message, cancellationToken);
        }
        var response = await FinishAsync(call);
        foreach (var rejected in response.Rejections)
        {
            rejections.Add(("forms", new CsvRejection(0, $"form {rejected.Key} (#{rejected.Index + 1 + batch.ReceivedCount}) refused by the server: {rejected.Reason}")));
        }
        return response.Batch;
    }

    private async Task<Contracts.V1.Batch> WatchAsync(BatchService.BatchServiceClient batches, Contracts.V1.Batch batch, bool showProgress, CancellationToken cancellationToken)
    {
        using var bar = showProgress ? new ProgressBar("matching forms", batch.FormCount, errors) : null;
        using var watch = batches.WatchBatch(new WatchBatchRequest { BatchId = batch.BatchId }, cancellationToken: cancellationToken);
        await foreach (var update in watch.ResponseStream.ReadAllAsync(cancellationToken))
        {
            batch = update.Batch;
            bar?.Report(batch.ProcessedCount);
        }
        if (batch.State is not (BatchState.Succeeded or BatchState.Cancelled))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the progress stream ended early"));
        }
        return batch;
    }

    private async Task WriteOutputsAsync(GrpcChannel channel, Contracts.V1.Batch batch, OutputFiles outputs,
        List<(string File, CsvRejection Rejection)> rejections, long registryRecords, long started, CancellationToken cancellationToken)
    {
        var batches = new BatchService.BatchServiceClient(channel);
        var intake = new IntakeService.IntakeServiceClient(channel);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["clean"] = 0, ["review"] = 0, ["no_match"] = 0, ["ambiguous"] = 0 };
        var kinds = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var download = Stopwatch.StartNew();

        // clean.csv comes from a stream of its own (ExportCleanRecords), written meanwhile on another thread: the server
        // reads and sends the clean records while it pages the results, and the client writes both files at once.
        // A failure of either ends the other; the first is the one reported.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clean = outputs.Create("clean.csv");
        var cleanFile = Task.Run(async () =>
        {
            try
            {
                await using (clean)
                {
                    InterchangeCsv.WriteClean(clean, CleanRecords(intake, batch.BatchId, failed.Token));
                }
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }, CancellationToken.None);
        try
        {
            // The writers pull pages from the server as they go: nothing is held in memory but one page. review.csv is
            // written from the same pages as results.csv (its results are those of status review, in the same order), so
            // each result crosses the wire once.
            await using var results = outputs.Create("results.csv");
            await using var review = outputs.Create("review.csv");
            var reviewed = new ReviewFile(review);
            InterchangeCsv.WriteResults(results, Results(batches, batch.BatchId, ReconciliationStatus.Unspecified, failed.Token).Select(r =>
            {
                counts[Domain.InterchangeNames.StatusName(r.Status)]++;
                foreach (var d in r.Discrepancies)
                {
                    kinds[$"{d.Field}:{d.Kind}"] = kinds.GetValueOrDefault($"{d.Field}:{d.Kind}") + 1;
                }
                reviewed.Add(r);
                return r;
            }));
            reviewed.Finish();
        }
        catch
        {
            // Cancelled here by the export's failure (not the caller's): that failure is the one that says what went wrong.
            var exportFailedFirst = failed.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            await failed.CancelAsync();
            await cleanFile.ContinueWith(_ => { }, TaskScheduler.Default);
            if (exportFailedFirst && cleanFile.IsFaulted)
            {
                await cleanFile;
            }
            throw;
        }
        await cleanFile;

        await using (var rejected = outputs.Create("rejected.csv"))
        {
            InterchangeCsv.WriteRunRejections(rejected, rejections);
        }

        var total = time.GetElapsedTime(started).TotalSeconds;
        var matchSeconds = batch.StartTime is { } s && batch.CompleteTime is { } c ? (c.ToDateTimeOffset() - s.ToDateTimeOffset()).TotalSeconds : 0;
        var summary = new ReconcileSummary
        {
            RegistryRecords = registryRecords,
            Forms = batch.ProcessedCount,
            RejectedRegistryRows = rejections.Count(r => r.File == "registry"),
            RejectedFormRows = rejections.Count(r => r.File == "forms"),
            Status = counts,
            DiscrepancyKinds = kinds,
            TimingsSeconds = new Dictionary<string, double>(_phases.Select(p => KeyValuePair.Create(p.Key, Math.Round(p.Value, 3))))
            {
                ["match"] = Math.Round(matchSeconds, 3),
                ["download"] = Math.Round(download.Elapsed.TotalSeconds, 3),
                ["total"] = Math.Round(total, 3),
            },
            FormsPerSecond = matchSeconds > 0 ? Math.Round(batch.ProcessedCount / matchSeconds) : 0,
            PeakMemoryMb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0),
        };
        await using var json = outputs.Create("summary.json");
        await json.WriteAsync(JsonSerializer.Serialize(summary, SummaryJson.Options).AsMemory(), cancellationToken);
    }

    /// <summary>
    /// The batch's results page by page without explanations (the files do not carry them), the next page asked for
    /// while this one is written, so the download runs at the server's pace, not at the pace of one round trip a page.
    /// </summary>
    private static IEnumerable<Domain.Reconciliation> Results(BatchService.BatchServiceClient batches, string batchId,
        ReconciliationStatus status, CancellationToken cancellationToken)
    {
        Task<ListResultsResponse> Ask(string token) => batches.ListResultsAsync(new ListResultsRequest
        {
            BatchId = batchId, PageSize = 1000, PageToken = token, Status = status, View = ResultView.Basic,
        }, cancellationToken: cancellationToken).ResponseAsync;

        var next = Ask("");
        while (true)
        {
            var page = next.GetAwaiter().GetResult();
            if (page.NextPageToken.Length > 0)
            {
                next = Ask(page.NextPageToken);
            }
            foreach (var result in page.Results)
            {
                yield return result.ToDomain();
            }
            if (page.NextPageToken.Length == 0)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// review.csv written beside results.csv: the results of status review gathered a page at a time
    /// (<see cref="RowsPerWrite"/>) and appended, the header first (alone when there is none).
    /// </summary>
    internal sealed class ReviewFile(TextWriter writer)
    {
        /// <summary>Review results held before they are written (about a page of the server's).</summary>
        public const int RowsPerWrite = 1000;

        private readonly List<Domain.Reconciliation> _pending = new(RowsPerWrite);
        private bool _headerWritten;

        public void Add(Domain.Reconciliation result)
        {
            if (result.Status != Domain.MatchStatus.Review)
            {
                return;
            }
            _pending.Add(result);
            if (_pending.Count == RowsPerWrite)
            {
                Write();
            }
        }

        /// <summary>Writes what is left (the header too, when nothing was written yet).</summary>
        public void Finish()
        {
            if (_pending.Count > 0 || !_headerWritten)
            {
                Write();
            }
        }

        private void Write()
        {
            InterchangeCsv.WriteReview(writer, _pending, includeHeader: !_headerWritten);
            _headerWritten = true;
            _pending.Clear();
        }
    }

    /// <summary>The batch's intake-ready records as one server stream (one audit event for the whole export).</summary>
    private static IEnumerable<Domain.CleanRecord> CleanRecords(IntakeService.IntakeServiceClient intake, string batchId, CancellationToken cancellationToken)
    {
        using var export = intake.ExportCleanRecords(new ExportCleanRecordsRequest { BatchId = batchId }, cancellationToken: cancellationToken);
        var stream = export.ResponseStream;
        while (stream.MoveNext(cancellationToken).GetAwaiter().GetResult())
        {
            var clean = stream.Current.CleanRecord;
            yield return new Domain.CleanRecord(clean.FormId, clean.Record.ToDomain());
        }
    }
}
