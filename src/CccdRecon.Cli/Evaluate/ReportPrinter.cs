using System.Globalization;
using System.Text.Json;

namespace CccdRecon.Cli.Evaluate;

/// <summary>Prints an evaluation report as text for people and as JSON for scripts.</summary>
public static class ReportPrinter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string ToJson(EvaluationReport report) => JsonSerializer.Serialize(report, Json);

    public static void WriteText(TextWriter w, EvaluationReport r)
    {
        static string P(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);
        static string S(double? x) => x is null ? "   -  " : (100 * x.Value).ToString("0.0", CultureInfo.InvariantCulture).PadLeft(5) + "%";

        w.WriteLine($"forms: {r.Forms}  (without a result: {r.FormsWithoutResult}; results without truth: {r.ResultsWithoutTruth})");
        w.WriteLine($"status: {string.Join("  ", r.StatusCounts.Select(kv => $"{kv.Key}={kv.Value}"))}");
        w.WriteLine($"links: true {r.TrueLinks}, predicted {r.PredictedLinks}, correct {r.CorrectLinks}");
        w.WriteLine($"  precision {P(r.LinkPrecision)}  recall {P(r.LinkRecall)}  F1 {P(r.LinkF1)}");
        if (r.Present is { } present)
            w.WriteLine($"registered people: {present.Forms} forms, linked right {present.LinkedRight}, linked to someone else {present.LinkedWrong}, " +
                $"missed {present.Missed} (no_match {present.NoMatch}, ambiguous {present.Ambiguous})");
        if (r.Absent is { Forms: > 0 } absent)
            w.WriteLine($"absent people: {absent.Forms} forms -> no_match {S(absent.NoMatchShare).Trim()}, ambiguous {S(absent.AmbiguousShare).Trim()}, " +
                $"linked to a record {S(absent.LinkedShare).Trim()} ({absent.Linked})");
        w.WriteLine($"cosmetic-only forms back clean: {r.CosmeticOnlyClean}/{r.CosmeticOnlyForms} = {P(r.CosmeticOnlyCleanShare)}");
        w.WriteLine("flags on correctly linked forms (field level):");
        w.WriteLine($"  {"field",-16}{"true",8}{"raised",8}{"correct",9}{"precision",11}{"recall",9}");
        foreach (var f in r.FlagsByField.Append(r.FlagsOverall))
            w.WriteLine($"  {f.Field,-16}{f.TrueFlags,8}{f.RaisedFlags,8}{f.Correct,9}{P(f.Precision),11}{P(f.Recall),9}");
        w.WriteLine("by damage kind:");
        var width = Math.Max(22, r.Damages.Select(d => d.Damage.Length + 1).DefaultIfEmpty(0).Max());
        w.WriteLine($"  {"damage".PadRight(width)}{"forms",7}{"link ok",9}{"decided",9}{"wrong",7}{"missed",8}{"clean",8}{"flag rec",9}{"all ok",8}");
        foreach (var d in r.Damages)
            w.WriteLine($"  {d.Damage.PadRight(width)}{d.Forms,7}{S(d.LinkCorrect),9}{S(d.DecisionCorrect),9}{d.WrongLinks,7}{d.Missed,8}{S(d.CleanShare),8}{S(d.FlagRecall),9}{S(d.FullyCorrect),8}");
        w.WriteLine("  (link ok: right record, or none for absent people; decided: right record, or no_match for absent people;");
        w.WriteLine("   wrong: linked to someone else; missed: a registered person left unlinked)");
        w.WriteLine($"worst kinds: {string.Join(", ", r.WorstDamages.Select(d => $"{d.Damage} ({S(d.FullyCorrect).Trim()} fully correct)"))}");
    }
}
