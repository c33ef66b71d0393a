using System.CommandLine;
using CccdRecon.Cli.Files;
using CccdRecon.Core.Interchange;

namespace CccdRecon.Cli.Evaluate;

/// <summary><c>cccdrecon evaluate --truth truth.csv --results results.csv|RUN_FOLDER [--json out.json]</c></summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var truth = new Option<FileInfo>("--truth") { Description = "truth.csv from generate or febrl", Required = true };
        var results = new Option<string>("--results") { Description = "results.csv from a reconcile run, or the run's --out folder", Required = true };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON here" };
        var command = new Command("evaluate", "Score a reconciliation run against the truth") { truth, results, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var resultsPath = ResultsFile(parse.GetValue(results)!);
                var truthPath = parse.GetValue(truth)!.FullName;
                EvaluationReport report;
                using (var truthReader = new StreamReader(LocalFileStream.OpenRead(truthPath)))
                using (var resultsReader = LocalFileStream.OpenRead(resultsPath))
                    report = Read(() => Evaluator.Evaluate(TruthCsv.ReadTruth(truthReader), TruthCsv.ReadResults(resultsReader)), truthPath, resultsPath);
                ReportPrinter.WriteText(Console.Out, report);
                if (parse.GetValue(json) is { } jsonFile)
                {
                    using var output = new StreamWriter(LocalFileStream.Create(jsonFile.FullName, jsonFile.FullName));
                    await output.WriteAsync(ReportPrinter.ToJson(report).AsMemory(), cancellationToken);
                }
                return 0;
            }
            catch (CliInputException bad)
            {
                await Console.Error.WriteLineAsync($"error: {bad.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>The results file a path names: the file itself, or results.csv in a run's folder.</summary>
    /// <exception cref="CliInputException">Neither exists.</exception>
    internal static string ResultsFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) full = Path.Combine(full, "results.csv");
        return File.Exists(full) ? full : throw new CliInputException($"{full} does not exist");
    }

    /// <summary>A truth or results file that is not one (a missing column) fails in one line naming both files.</summary>
    private static EvaluationReport Read(Func<EvaluationReport> evaluate, string truthPath, string resultsPath)
    {
        try
        {
            return evaluate();
        }
        catch (Exception bad) when (bad is InvalidDataException or InterchangeFormatException)
        {
            throw new CliInputException($"{truthPath} or {resultsPath}: {bad.Message}");
        }
    }
}
