using System.Diagnostics;
using System.Runtime;
using System.Text.Json;
using CccdRecon.Cli.Files;
using CccdRecon.Cli.Terminal;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;

namespace CccdRecon.Cli.Reconcile;

/// <summary>What one offline run reads and writes.</summary>
internal sealed record ReconcileRequest(string RegistryPath, string FormsPath, string OutputDirectory)
{
    public MatchingOptions Options { get; init; } = new();
    /// <summary>Forms used to estimate m and λ by EM before matching (the first ones read).</summary>
    public int TrainingSample { get; init; } = Reconciler.DefaultTrainingSample;
    /// <summary>
    /// Forms matched in parallel per chunk; results are written in input order. Small enough that results waiting to be
    /// written die young (20,000 kept ~100 MB alive through every collection), large enough to hold the training sample.
    /// </summary>
    public int ChunkSize { get; init; } = 4_000;
    /// <summary>Also write explanations.jsonl: every result with its evidence, one JSON object per line.</summary>
    public bool Explain { get; init; }
    /// <summary>A model to match with (from a model.json) instead of training one on this run's forms.</summary>
    public MatchModel? Model { get; init; }
    /// <summary>Where <see cref="Model"/> came from, for the summary.</summary>
    public string? ModelSource { get; init; }
}

/// <summary>
/// The offline batch run (đối soát hàng loạt): loads the registry into the index, trains the model on a sample of
/// forms (or takes the one given), reconciles every form in parallel chunks under that one model and writes
/// results.csv, clean.csv, review.csv, cases.csv (each form that needs a person, as keyed: what correction lists are
/// made from), rejected.csv, model.json and summary.json. Bad rows are listed with their line and skipped; the run goes on.
/// The files are written under temporary names and get their own only when the run succeeds (<see cref="OutputFiles"/>);
/// a file of which no row can be read stops the run (<see cref="CliInputException"/>) with nothing written.
/// </summary>
internal sealed class ReconcileJob(TimeProvider time, bool showProgress = true)
{
    /// <exception cref="CliInputException">An input file is unreadable or has no readable row, or the output folder cannot be written.</exception>
    public ReconcileSummary Run(ReconcileRequest request, CancellationToken cancellationToken = default)
    {
        InputFiles.CheckHeader(request.RegistryPath, (s, r) => InterchangeCsv.ReadRegistry(s, r));
        InputFiles.CheckHeader(request.FormsPath, (s, r) => InterchangeCsv.ReadForms(s, r));
        // The forms are read through once before the index is built, so that a file in the wrong encoding is refused
        // before any work on it; the read runs beside the registry's, which is serial (alone it cost a 1.3 M run 3-4 s).
        using var scanStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var formsScan = Task.Run(() => InputFiles.Scan(request.FormsPath, (s, r) => InterchangeCsv.ReadForms(s, r), scanStop.Token), scanStop.Token);
        try
        {
            using var outputs = new OutputFiles(request.OutputDirectory);
            var summary = Run(request, outputs, formsScan, cancellationToken);
            outputs.Commit();
            return summary;
        }
        finally
        {
            // A run that failed before it needed the scan stops it and waits for it (its outcome no longer matters).
            scanStop.Cancel();
            Task.WhenAny(formsScan).Wait(CancellationToken.None);
        }
    }

    private ReconcileSummary Run(ReconcileRequest request, OutputFiles outputs, Task formsScan, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var phases = new Dictionary<string, double>();
        // CPU seconds per phase beside the wall time: on 2 cores the two tell parallel from serial work apart.
        var cpu = new Dictionary<string, double>();
        var cpuMark = CpuSeconds();
        void CpuPhase(string name)
        {
            var now = CpuSeconds();
            cpu[name] = Math.Round(now - cpuMark, 3);
            cpuMark = now;
        }
        var rejections = new List<(string File, CsvRejection Rejection)>();

        // 1. Registry
        var phase = Stopwatch.StartNew();
        var records = new List<RegistryRecord>();
        using (var registryStream = LocalFileStream.OpenRead(request.RegistryPath))
        using (var bar = Progress("reading registry", registryStream.Length))
        {
            foreach (var record in InterchangeCsv.ReadRegistry(registryStream, r => rejections.Add(("registry", r)), cancellationToken))
            {
                records.Add(record);
                if ((records.Count & 0x3FFF) == 0) bar?.Report(registryStream.Position);
            }
        }
        // The forms file's verdict first, as when it was read before the registry.
        formsScan.GetAwaiter().GetResult();
        InputFiles.CheckReadable(request.RegistryPath, records.Count, Rejected(rejections, "registry"));
        phases["read_registry"] = phase.Elapsed.TotalSeconds;
        CpuPhase("read_registry");

        // Parsing overlapped with reading was measured slower (more collections while both allocate): read, then index.
        phase.Restart();
        var index = new RegistryIndex(DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var rejectedRecords = 0;
        index.AddRange(records, (_, _) => rejectedRecords++, cancellationToken);
        // The build leaves garbage across the generations (its key array, parse buffers, the young generation's budget
        // filled twice over) on top of an index that lives to the end: one full collection that compacts and gives the
        // free memory back keeps the run's peak from stacking training and matching on top of it (1.3 M records, loaded
        // machine: peak 2,563 MB without, 2,402 MB with it after training, where the build's own peak then decided).
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        phases["build_index"] = phase.Elapsed.TotalSeconds;
        CpuPhase("build_index");

        // 2. Forms, chunk by chunk; the first chunk also trains the model, unless one was given.
        Reconciler reconciler;
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var kinds = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long forms = 0;
        double matchSeconds = 0, trainSeconds = 0;
        using (var formsStream = LocalFileStream.OpenRead(request.FormsPath))
        using (var results = outputs.Create("results.csv"))
        using (var review = outputs.Create("review.csv"))
        using (var clean = outputs.Create("clean.csv"))
        using (var cases = outputs.Create("cases.csv"))
        using (var explanations = request.Explain ? outputs.Create("explanations.jsonl") : null)
        using (var bar = Progress("matching forms", formsStream.Length))
        {
            var output = new ChunkWriter(results, review, clean, cases, explanations);
            using var reader = InterchangeCsv.ReadForms(formsStream, r => rejections.Add(("forms", r)), cancellationToken).GetEnumerator();
            var chunk = ReadChunk(reader, request.ChunkSize);
            phase.Restart();
            var model = request.Model ?? ModelTrainer.Train(index, chunk.Take(request.TrainingSample), request.Options, time, cancellationToken);
            reconciler = new Reconciler(index, request.Options, time, model);
            trainSeconds = phase.Elapsed.TotalSeconds;
            CpuPhase("train");
            var writing = Task.CompletedTask;
            while (chunk.Count > 0)
            {
                // Reading the next chunk and writing the previous one overlap with matching this one: reading and
                // writing are serial, matching parallel.
                var next = Task.Run(() => ReadChunk(reader, request.ChunkSize), cancellationToken);
                phase.Restart();
                var outcome = new Reconciliation[chunk.Count];
                Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = cancellationToken },
                    i => outcome[i] = reconciler.Reconcile(chunk[i]));
                matchSeconds += phase.Elapsed.TotalSeconds;
                writing.GetAwaiter().GetResult();
                var (done, chunkResults) = (chunk, outcome);
                writing = Task.Run(() =>
                {
                    output.Write(done, chunkResults, index);
                    foreach (var r in chunkResults)
                    {
                        Increment(counts, InterchangeNames.StatusName(r.Status));
                        foreach (var d in r.Discrepancies) Increment(kinds, $"{d.Field}:{d.Kind}");
                    }
                }, cancellationToken);
                forms += chunk.Count;
                bar?.Report(formsStream.Position);
                chunk = next.GetAwaiter().GetResult();
            }
            writing.GetAwaiter().GetResult();
            output.Complete();
        }
        phases["train"] = trainSeconds;
        phases["match"] = matchSeconds;

        using (var rejected = outputs.Create("rejected.csv"))
            InterchangeCsv.WriteRunRejections(rejected, rejections);
        var runModel = reconciler.Model;
        using (var modelJson = outputs.Create("model.json"))
            modelJson.Write(ModelFile.ToJson(runModel));

        phases["total"] = total.Elapsed.TotalSeconds;
        CpuPhase("match_and_write");
        cpu["total"] = Math.Round(CpuSeconds(), 3);
        var summary = new ReconcileSummary
        {
            RegistryRecords = index.Count,
            Forms = forms,
            RejectedRegistryRows = rejections.Count(r => r.File == "registry") + rejectedRecords,
            RejectedFormRows = rejections.Count(r => r.File == "forms"),
            Status = counts,
            DiscrepancyKinds = kinds,
            TimingsSeconds = phases.ToDictionary(p => p.Key, p => Math.Round(p.Value, 3)),
            CpuSeconds = cpu,
            FormsPerSecond = matchSeconds > 0 ? Math.Round(forms / matchSeconds) : 0,
            PeakMemoryMb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0),
            GcPauseSeconds = Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 3),
            GcCollections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)],
            Model = new RunModel
            {
                Version = runModel.Version,
                Source = request.Model is null ? "trained on this run's first forms" : request.ModelSource ?? "given",
                PresentShare = Math.Round(runModel.PresentShare, 6),
                PriorWeight = Math.Round(runModel.PriorWeight(index.Count), 4),
                HeldBack = runModel.HeldBack,
                Training = runModel.Training,
                Parameters = runModel.Describe(),
            },
        };
        foreach (var status in (string[])["clean", "review", "no_match", "ambiguous"]) counts.TryAdd(status, 0);
        using (var json = outputs.Create("summary.json"))
        {
            json.Write(JsonSerializer.Serialize(summary, SummaryJson.Options));
        }
        return summary;
    }

    private static List<CsvRejection> Rejected(List<(string File, CsvRejection Rejection)> rejections, string file)
        => [.. rejections.Where(r => r.File == file).Select(r => r.Rejection)];

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static void Increment(SortedDictionary<string, long> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

    private static List<SurveyForm> ReadChunk(IEnumerator<SurveyForm> reader, int size)
    {
        var chunk = new List<SurveyForm>(size);
        while (chunk.Count < size && reader.MoveNext()) chunk.Add(reader.Current);
        return chunk;
    }

    // Progress is the position in the input file: rows vary in length, bytes are what is known up front.
    private ProgressBar? Progress(string label, long total) => showProgress ? new ProgressBar(label, total, bytes: true) : null;

    /// <summary>Streams each chunk's results into the output files.</summary>
    private sealed class ChunkWriter(TextWriter results, TextWriter review, TextWriter clean, TextWriter cases, TextWriter? explanations)
    {
        private readonly List<Reconciliation> _results = [];
        private readonly List<CleanRecord> _clean = [];
        private bool _headerWritten;

        public void Write(IReadOnlyList<SurveyForm> forms, IReadOnlyList<Reconciliation> outcome, RegistryIndex index)
        {
            _results.Clear();
            _clean.Clear();
            for (var i = 0; i < forms.Count; i++)
            {
                var r = outcome[i];
                _results.Add(r);
                if (r.Status == MatchStatus.Clean && r.RecordId is not null && index.Get(r.RecordId) is { } record)
                    _clean.Add(Reconciler.ComposeClean(forms[i], record));
            }
            InterchangeCsv.WriteResults(results, _results, !_headerWritten);
            InterchangeCsv.WriteReview(review, _results.Where(r => r.Status == MatchStatus.Review), !_headerWritten);
            InterchangeCsv.WriteClean(clean, _clean, !_headerWritten);
            InterchangeCsv.WriteCases(cases, forms.Zip(outcome), !_headerWritten);
            if (explanations is not null)
                foreach (var r in _results) explanations.WriteLine(JsonSerializer.Serialize(r, SummaryJson.Lines));
            _headerWritten = true;
        }

        public void Complete()
        {
            if (_headerWritten) return;
            InterchangeCsv.WriteResults(results, [], true);
            InterchangeCsv.WriteReview(review, [], true);
            InterchangeCsv.WriteClean(clean, [], true);
            InterchangeCsv.WriteCases(cases, [], true);
        }
    }
}

/// <summary>The figures of one run, written to summary.json.</summary>
public sealed record ReconcileSummary
{
    public long RegistryRecords { get; init; }
    public long Forms { get; init; }
    public long RejectedRegistryRows { get; init; }
    public long RejectedFormRows { get; init; }
    public required IDictionary<string, long> Status { get; init; }
    public required IDictionary<string, long> DiscrepancyKinds { get; init; }
    public required IDictionary<string, double> TimingsSeconds { get; init; }
    /// <summary>Process CPU time per phase (all threads); matching and writing results are counted together.</summary>
    public IDictionary<string, double> CpuSeconds { get; init; } = new Dictionary<string, double>();
    public double FormsPerSecond { get; init; }
    public double PeakMemoryMb { get; init; }
    /// <summary>Time the garbage collector paused the run, and its collections per generation (0, 1, 2).</summary>
    public double GcPauseSeconds { get; init; }
    public IReadOnlyList<int> GcCollections { get; init; } = [];
    /// <summary>The model the run matched with; null where the run happened on a server (see the batch).</summary>
    public RunModel? Model { get; init; }
}

/// <summary>The model a run matched with (also written in full to model.json).</summary>
public sealed record RunModel
{
    public required string Version { get; init; }
    public required string Source { get; init; }
    /// <summary>Estimated share of forms whose person is in the registry.</summary>
    public double PresentShare { get; init; }
    /// <summary>log2 of the prior odds that a form is one given record, log2(π / ((1 − π)N)).</summary>
    public double PriorWeight { get; init; }
    /// <summary>Weights training could not keep as estimated, and why.</summary>
    public required IReadOnlyList<HeldBackWeight> HeldBack { get; init; }
    public required ModelTraining Training { get; init; }
    public required IReadOnlyList<ModelParameter> Parameters { get; init; }
}

internal static class SummaryJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Lines = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
