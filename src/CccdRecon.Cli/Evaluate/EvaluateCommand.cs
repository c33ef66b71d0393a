using System.CommandLine;

namespace CccdRecon.Cli.Evaluate;

/// <summary><c>cccdrecon evaluate --truth truth.csv --results results.csv [--json out.json]</c></summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var truth = new Option<FileInfo>("--truth") { Description = "truth.csv from generate or febrl", Required = true };
        var results = new Option<FileInfo>("--results") { Description = "results.csv from a reconcile run", Required = true };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON here" };
        var command = new Command("evaluate", "Score a reconciliation run against the truth") { truth, results, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var truthReader = new StreamReader(parse.GetValue(truth)!.FullName);
            using var resultsReader = File.OpenRead(parse.GetValue(results)!.FullName);
            var report = Evaluator.Evaluate(TruthCsv.ReadTruth(truthReader), TruthCsv.ReadResults(resultsReader));
            ReportPrinter.WriteText(Console.Out, report);
            if (parse.GetValue(json) is { } jsonFile)
                await File.WriteAllTextAsync(jsonFile.FullName, ReportPrinter.ToJson(report), cancellationToken);
            return 0;
        });
        return command;
    }
}
