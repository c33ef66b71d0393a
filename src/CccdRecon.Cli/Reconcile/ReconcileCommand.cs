using System.CommandLine;
using System.Globalization;
using CccdRecon.Cli.Files;
using CccdRecon.Core.Matching;

namespace CccdRecon.Cli.Reconcile;

/// <summary><c>cccdrecon reconcile --registry R.csv --forms F.csv --out DIR</c>: the whole run in-process.</summary>
internal static class ReconcileCommand
{
    public static Command Create()
    {
        var registry = new Option<FileInfo>("--registry") { Description = "registry.csv (interchange format)", Required = true };
        var forms = new Option<FileInfo>("--forms") { Description = "forms.csv (interchange format)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for results.csv, clean.csv, review.csv, cases.csv, rejected.csv, summary.json", Required = true };
        var threshold = new Option<double?>("--match-threshold") { Description = "Probability at or above which the best candidate is a match (default 0.90)" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar" };
        var explain = new Option<bool>("--explain") { Description = "Also write explanations.jsonl: each result with its field evidence and candidates" };
        var modelFile = new Option<FileInfo?>("--model") { Description = "Match with this model.json (from an earlier run) instead of training one on these forms" };
        var command = new Command("reconcile", "Reconcile survey forms against the civil registry, offline") { registry, forms, output, threshold, quiet, explain, modelFile };
        command.SetAction((parse, cancellationToken) =>
        {
            var registryFile = parse.GetValue(registry)!;
            var formsFile = parse.GetValue(forms)!;
            var options = new MatchingOptions();
            if (parse.GetValue(threshold) is { } t) options.MatchThreshold = t;
            if (options.Validate() is { Count: > 0 } problems)
            {
                Console.Error.WriteLine($"error: {string.Join(" ", problems)}");
                return Task.FromResult(2);
            }
            MatchModel? model = null;
            if (parse.GetValue(modelFile) is { } modelPath)
            {
                try
                {
                    model = ModelFile.Load(modelPath.FullName);
                }
                catch (ModelFileException e)
                {
                    Console.Error.WriteLine($"error: {modelPath.FullName}: {e.Message}");
                    return Task.FromResult(2);
                }
            }
            var outDir = parse.GetValue(output)!.FullName;
            var request = new ReconcileRequest(registryFile.FullName, formsFile.FullName, outDir)
            {
                Options = options, Explain = parse.GetValue(explain), Model = model, ModelSource = model is null ? null : $"loaded from {parse.GetValue(modelFile)!.FullName}",
            };
            ReconcileSummary summary;
            try
            {
                summary = new ReconcileJob(TimeProvider.System, !parse.GetValue(quiet)).Run(request, cancellationToken);
            }
            catch (CliInputException bad)
            {
                Console.Error.WriteLine($"error: {bad.Message}");
                return Task.FromResult(2);
            }
            PrintSummary(Console.Out, summary, outDir);
            return Task.FromResult(0);
        });
        return command;
    }

    internal static void PrintSummary(TextWriter o, ReconcileSummary s, string outDir)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine(string.Create(c, $"Reconciled {s.Forms:N0} forms against {s.RegistryRecords:N0} registry records in {s.TimingsSeconds["total"]:0.0} s ({s.FormsPerSecond:N0} forms/s matching, peak memory {s.PeakMemoryMb:N0} MB)"));
        foreach (var (status, n) in s.Status)
            o.WriteLine(string.Create(c, $"  {status,-10} {n,10:N0}  {(s.Forms > 0 ? (double)n / s.Forms : 0),7:P1}"));
        if (s.DiscrepancyKinds.Count > 0)
        {
            o.WriteLine("Flags:");
            foreach (var (kind, n) in s.DiscrepancyKinds.OrderByDescending(k => k.Value))
                o.WriteLine(string.Create(c, $"  {kind,-36} {n,10:N0}"));
        }
        o.WriteLine(string.Create(c, $"Rejected rows: {s.RejectedRegistryRows:N0} in the registry, {s.RejectedFormRows:N0} in the forms (see rejected.csv)"));
        o.WriteLine(string.Create(c, $"Phases (s): {string.Join(", ", s.TimingsSeconds.Select(p => $"{p.Key} {p.Value:0.00}"))}"));
        if (s.Model is { } model)
            o.WriteLine(string.Create(c, $"Model {model.Version} ({model.Source}): present share {model.PresentShare:0.000}, {model.HeldBack.Count} weight(s) held back to keep the levels in order"));
        o.WriteLine($"Wrote results.csv, clean.csv, review.csv, cases.csv, rejected.csv, model.json and summary.json to {outDir}");
    }
}
