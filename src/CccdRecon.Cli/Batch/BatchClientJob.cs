using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
/// Runs a batch on the server and writes the offline <c>reconcile</c> files. The batch is found again by the SHA-256
/// of the forms file, so a rerun after an interruption resumes it: the upload continues after the forms the server
/// already received (its <c>received_count</c>), and a started batch is only watched, never re-sent.
/// </summary>
internal sealed class BatchClientJob(TimeProvider time, TextWriter console, TextWriter errors)
{
    /// <summary>Seconds of the registry import and the form upload, for summary.json (absent when a resumed run skips them).</summary>
    private readonly Dictionary<string, double> _phases = [];

    public async Task<int> RunAsync(BatchClientRequest request, CancellationToken cancellationToken = default)
    {
        foreach (var path in new[] { request.RegistryPath, request.FormsPath })
        {
            if (!File.Exists(path))
            {
                await errors.WriteLineAsync($"error: file not found: {path}");
                return BatchExitCode.BadInput;
            }
        }
        Directory.CreateDirectory(request.OutputDirectory);
        var started = time.GetTimestamp();
        using var channel = Token.ServerChannel.Create(request.Server, request.Token);
        var batches = new BatchService.BatchServiceClient(channel);
        var rejections = new List<(string File, CsvRejection Rejection)>();
        long registryRecords = 0;
        try
        {
            var hash = "sha256:" + await HashAsync(request.FormsPath, cancellationToken);
            var batch = (await batches.ListBatchesAsync(new ListBatchesRequest { FormsHash = hash, PageSize = 10 }, cancellationToken: cancellationToken))
                .Batches.FirstOrDefault(b => b.State != BatchState.Cancelled);
            if (batch is null)
            {
                var import = Stopwatch.StartNew();
                registryRecords = await ImportRegistryAsync(new RegistryService.RegistryServiceClient(channel), request, rejections, cancellationToken);
                _phases["import"] = import.Elapsed.TotalSeconds;
                batch = (await batches.CreateBatchAsync(new CreateBatchRequest { DisplayName = Path.GetFileName(request.FormsPath), FormsHash = hash, Unit = request.Unit },
                    cancellationToken: cancellationToken)).Batch;
                await console.WriteLineAsync($"batch {batch.BatchId} created");
            }
            else
            {
                await console.WriteLineAsync($"resuming batch {batch.BatchId} ({batch.State.ToString().ToLowerInvariant()}, {batch.ProcessedCount} of {batch.FormCount} forms done)");
            }

            if (batch.State == BatchState.Open)
            {
                var upload = Stopwatch.StartNew();
                batch = await UploadFormsAsync(batches, batch, request, rejections, cancellationToken);
                _phases["upload"] = upload.Elapsed.TotalSeconds;
                batch = (await batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId }, cancellationToken: cancellationToken)).Batch;
            }
            else
            {
                // The upload finished in an earlier run; only the reader's rejections are needed again.
                CountForms(request.FormsPath, rejections, cancellationToken);
            }

            batch = await WatchAsync(batches, batch, request.ShowProgress, cancellationToken);
            if (batch.State != BatchState.Succeeded)
            {
                await errors.WriteLineAsync($"error: batch {batch.BatchId} was cancelled on the server");
                return BatchExitCode.Cancelled;
            }
            await WriteOutputsAsync(channel, batch, request, rejections, registryRecords, started, cancellationToken);
            await console.WriteLineAsync($"batch {batch.BatchId}: {batch.CleanCount} clean, {batch.ReviewCount} review, {batch.NoMatchCount} no_match, {batch.AmbiguousCount} ambiguous -> {request.OutputDirectory}");
            return BatchExitCode.Done;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled or StatusCode.DeadlineExceeded
            && !cancellationToken.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"error: the server at {request.Server} is unreachable or went away ({ex.StatusCode}). Run the same command again to resume the batch.");
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

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private async Task<long> ImportRegistryAsync(RegistryService.RegistryServiceClient registry, BatchClientRequest request,
        List<(string File, CsvRejection Rejection)> rejections, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(request.RegistryPath);
        using var bar = request.ShowProgress ? new ProgressBar("importing registry", stream.Length, errors, bytes: true) : null;
        using var call = registry.ImportRecords(cancellationToken: cancellationToken);
        var message = new ImportRecordsRequest();
        foreach (var record in InterchangeCsv.ReadRegistry(stream, r => rejections.Add(("registry", r)), cancellationToken))
        {
            message.Records.Add(record.ToProto());
            if (message.Records.Count == request.PerMessage)
            {
                await SendAsync(call, message, cancellationToken);
                message = new ImportRecordsRequest();
                bar?.Report(stream.Position);
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
    private async Task<Contracts.V1.Batch> UploadFormsAsync(BatchService.BatchServiceClient batches, Contracts.V1.Batch batch, BatchClientRequest request,
        List<(string File, CsvRejection Rejection)> rejections, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(request.FormsPath);
        using var bar = request.ShowProgress ? new ProgressBar("sending forms", stream.Length, errors, bytes: true) : null;
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
                bar?.Report(stream.Position);
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

    private static void CountForms(string path, List<(string File, CsvRejection Rejection)> rejections, CancellationToken cancellationToken)
    {
        using var stream = File.OpenRead(path);
        foreach (var _ in InterchangeCsv.ReadForms(stream, r => rejections.Add(("forms", r)), cancellationToken))
        {
        }
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

    private async Task WriteOutputsAsync(GrpcChannel channel, Contracts.V1.Batch batch, BatchClientRequest request,
        List<(string File, CsvRejection Rejection)> rejections, long registryRecords, long started, CancellationToken cancellationToken)
    {
        var batches = new BatchService.BatchServiceClient(channel);
        var intake = new IntakeService.IntakeServiceClient(channel);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["clean"] = 0, ["review"] = 0, ["no_match"] = 0, ["ambiguous"] = 0 };
        var kinds = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var download = Stopwatch.StartNew();

        // The writers pull pages from the server as they go: nothing is held in memory but one page.
        await using (var results = Writer(request.OutputDirectory, "results.csv"))
        {
            InterchangeCsv.WriteResults(results, Results(batches, batch.BatchId, ReconciliationStatus.Unspecified, cancellationToken).Select(r =>
            {
                counts[Domain.InterchangeNames.StatusName(r.Status)]++;
                foreach (var d in r.Discrepancies)
                {
                    kinds[$"{d.Field}:{d.Kind}"] = kinds.GetValueOrDefault($"{d.Field}:{d.Kind}") + 1;
                }
                return r;
            }));
        }
        await using (var review = Writer(request.OutputDirectory, "review.csv"))
        {
            InterchangeCsv.WriteReview(review, Results(batches, batch.BatchId, ReconciliationStatus.Review, cancellationToken));
        }
        await using (var clean = Writer(request.OutputDirectory, "clean.csv"))
        {
            InterchangeCsv.WriteClean(clean, CleanRecords(intake, batch.BatchId, cancellationToken));
        }

        await using (var rejected = Writer(request.OutputDirectory, "rejected.csv"))
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
            Model = [],
        };
        await File.WriteAllTextAsync(Path.Combine(request.OutputDirectory, "summary.json"),
            JsonSerializer.Serialize(summary, SummaryJson.Options), new UTF8Encoding(false), cancellationToken);
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

    private static StreamWriter Writer(string directory, string name) => new(Path.Combine(directory, name), false, new UTF8Encoding(false), 1 << 16);
}
