using System.Globalization;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;

namespace CccdRecon.Bench;

/// <summary>
/// Branch and bound against exhaustive scoring on a whole generated batch: every form reconciled twice under one model,
/// once pruning and once comparing every candidate in full, and every difference in what results.csv says counted
/// (status, record, score to three decimals, flags). Also prints the candidates compared in full a form, both ways.
///   dotnet run -c Release --project bench/CccdRecon.Bench -- pruning DIR [FORMS]
/// </summary>
internal static class PruningCheck
{
    public static int Run(string dir, int formCount)
    {
        var registry = InterchangeCsv.ReadRegistry(File.OpenRead(Path.Combine(dir, "registry.csv")), _ => { }).ToList();
        var forms = InterchangeCsv.ReadForms(File.OpenRead(Path.Combine(dir, "forms.csv")), _ => { }).Take(formCount).ToList();
        var time = TimeProvider.System;
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(registry);
        var options = new MatchingOptions();
        var model = ModelTrainer.Train(index, forms.Take(3_000), options, time);
        var pruning = new Reconciler(index, options, time, model);
        var exhaustive = new Reconciler(index, options, time, model) { Prune = false };
        var results = new (Reconciliation Fast, Reconciliation Full)[forms.Count];
        Parallel.For(0, forms.Count, i => results[i] = (pruning.Reconcile(forms[i]), exhaustive.Reconcile(forms[i])));
        int status = 0, record = 0, score = 0, flags = 0, shown = 0;
        foreach (var (fast, full) in results)
        {
            var differs = false;
            if (fast.Status != full.Status) { status++; differs = true; }
            if (fast.RecordId != full.RecordId) { record++; differs = true; }
            if (Score(fast) != Score(full)) { score++; differs = true; }
            if (fast.Flags != full.Flags) { flags++; differs = true; }
            if (differs && shown++ < 10)
                Console.WriteLine($"  {fast.FormId}: pruning {fast.Status} {fast.RecordId} {Score(fast)} [{fast.Flags}] — exhaustive {full.Status} {full.RecordId} {Score(full)} [{full.Flags}]");
        }
        Console.WriteLine($"{forms.Count} forms: differ in status {status}, record {record}, score {score}, flags {flags}");
        return status + record + score + flags == 0 ? 0 : 1;
    }

    private static string Score(Reconciliation r) => r.Score.ToString("0.000", CultureInfo.InvariantCulture);
}
