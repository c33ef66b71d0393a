using CccdRecon.Core.Matching;

namespace CccdRecon.Cli.Evaluate;

/// <summary>Precision and recall for one field's flags, or for all fields together.</summary>
public sealed record FlagScore(string Field, int TrueFlags, int RaisedFlags, int Correct)
{
    public double Precision => Ratio(Correct, RaisedFlags);
    public double Recall => Ratio(Correct, TrueFlags);
    internal static double Ratio(int a, int b) => b == 0 ? 1.0 : (double)a / b;
}

/// <summary>How forms carrying one damage kind fared. Shares are null when no form of the kind could be judged.</summary>
/// <param name="Damage">the damage name or tag from truth.csv</param>
/// <param name="Forms">forms carrying it</param>
/// <param name="LinkCorrect">share linked to the right record (or, for people absent from the registry, not linked)</param>
/// <param name="CleanShare">among its cosmetic-only forms, the share that came back clean and correctly linked</param>
/// <param name="FlagRecall">among its correctly linked forms with true flags, the share of flagged fields found</param>
/// <param name="FullyCorrect">share of forms whose whole outcome (link, status, flagged fields) is right</param>
/// <param name="DecisionCorrect">share with the right decision: a registered person linked (clean or review) to their
/// record, an absent person <c>no_match</c></param>
/// <param name="WrongLinks">forms linked to a record that is not theirs (or linked at all, for absent people)</param>
/// <param name="Missed">registered people's forms left unlinked (no_match, ambiguous or no result)</param>
public sealed record DamageScore(string Damage, int Forms, double LinkCorrect, double? CleanShare, double? FlagRecall, double FullyCorrect,
    double DecisionCorrect = 0, int WrongLinks = 0, int Missed = 0);

/// <summary>What became of forms whose person is not in the registry. Shares are of <paramref name="Forms"/> (1 when none).</summary>
/// <param name="Forms">forms of absent people</param>
/// <param name="NoMatch">came back <c>no_match</c> (the right answer)</param>
/// <param name="Ambiguous">came back <c>ambiguous</c> (sent to a reviewer, no link)</param>
/// <param name="Linked">linked to someone's record (clean or review): the worst outcome</param>
public sealed record AbsentOutcome(int Forms, int NoMatch, int Ambiguous, int Linked)
{
    public double NoMatchShare => FlagScore.Ratio(NoMatch, Forms);
    public double AmbiguousShare => Forms == 0 ? 0 : (double)Ambiguous / Forms;
    public double LinkedShare => Forms == 0 ? 0 : (double)Linked / Forms;
}

/// <summary>What became of forms whose person is in the registry.</summary>
/// <param name="Forms">forms of registered people</param>
/// <param name="LinkedRight">linked to their own record</param>
/// <param name="LinkedWrong">linked to another person's record</param>
/// <param name="NoMatch">came back <c>no_match</c></param>
/// <param name="Ambiguous">came back <c>ambiguous</c></param>
public sealed record PresentOutcome(int Forms, int LinkedRight, int LinkedWrong, int NoMatch, int Ambiguous)
{
    /// <summary>Not linked at all: no_match, ambiguous, or no result.</summary>
    public int Missed => Forms - LinkedRight - LinkedWrong;
}

/// <summary>Everything <c>cccdrecon evaluate</c> reports.</summary>
public sealed record EvaluationReport(
    int Forms,
    int FormsWithoutResult,
    int ResultsWithoutTruth,
    int TrueLinks,
    int PredictedLinks,
    int CorrectLinks,
    double LinkPrecision,
    double LinkRecall,
    double LinkF1,
    IReadOnlyList<FlagScore> FlagsByField,
    FlagScore FlagsOverall,
    int CosmeticOnlyForms,
    int CosmeticOnlyClean,
    double CosmeticOnlyCleanShare,
    IReadOnlyDictionary<string, int> StatusCounts,
    IReadOnlyList<DamageScore> Damages,
    IReadOnlyList<DamageScore> WorstDamages,
    AbsentOutcome? Absent = null,
    PresentOutcome? Present = null)
{
    /// <summary>Forms linked to a record that is not theirs, absent people's included.</summary>
    public int WrongLinks => PredictedLinks - CorrectLinks;
}

/// <summary>
/// Scores a reconciliation run against the truth. A predicted link is a result with status clean or review and a
/// record_id; a true link is a truth row with a record_id. Flags are scored per field over correctly linked forms.
/// </summary>
public static class Evaluator
{
    private const int WorstCount = 5;

    public static EvaluationReport Evaluate(IEnumerable<TruthRow> truth, IEnumerable<ResultLine> results)
    {
        var byForm = new Dictionary<string, ResultLine>(StringComparer.Ordinal);
        foreach (var r in results) byForm[r.FormId] = r;

        var statusCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in byForm.Values) statusCounts[r.Status] = statusCounts.GetValueOrDefault(r.Status) + 1;

        var fieldTotals = FlaggableField.All.ToDictionary(f => f, _ => new int[3], StringComparer.Ordinal);
        var perDamage = new Dictionary<string, DamageTally>(StringComparer.Ordinal);
        int forms = 0, missing = 0, trueLinks = 0, predicted = 0, correctLinks = 0, cosmeticOnly = 0, cosmeticClean = 0;
        int absentForms = 0, absentNoMatch = 0, absentAmbiguous = 0, absentLinked = 0;
        int presentForms = 0, presentRight = 0, presentWrong = 0, presentNoMatch = 0, presentAmbiguous = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var t in truth)
        {
            forms++;
            seen.Add(t.FormId);
            var r = byForm.GetValueOrDefault(t.FormId);
            if (r is null) missing++;
            var link = r is not null && r.Status is "clean" or "review" && r.RecordId is not null ? r.RecordId : null;
            if (link is not null) predicted++;
            if (t.RecordId is not null) trueLinks++;
            var linkRight = link == t.RecordId;
            if (link is not null && linkRight) correctLinks++;

            var trueFields = t.Flags.Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
            var raisedFields = r?.Flags.Select(f => f.Field).ToHashSet(StringComparer.Ordinal) ?? [];
            var linkedRight = link is not null && linkRight;
            if (linkedRight)
            {
                foreach (var field in trueFields.Union(raisedFields))
                {
                    if (!fieldTotals.TryGetValue(field, out var tally)) fieldTotals[field] = tally = new int[3];
                    if (trueFields.Contains(field)) tally[0]++;
                    if (raisedFields.Contains(field)) tally[1]++;
                    if (trueFields.Contains(field) && raisedFields.Contains(field)) tally[2]++;
                }
            }

            var status = r?.Status;
            if (t.RecordId is null)
            {
                absentForms++;
                if (status == "no_match") absentNoMatch++;
                else if (status == "ambiguous") absentAmbiguous++;
                if (link is not null) absentLinked++;
            }
            else
            {
                presentForms++;
                if (linkedRight) presentRight++;
                else if (link is not null) presentWrong++;
                if (status == "no_match") presentNoMatch++;
                else if (status == "ambiguous") presentAmbiguous++;
            }
            var decisionCorrect = t.RecordId is null ? status == "no_match" : linkedRight;

            var isCosmeticOnly = t.RecordId is not null && trueFields.Count == 0;
            var clean = linkedRight && r!.Status == "clean";
            if (isCosmeticOnly)
            {
                cosmeticOnly++;
                if (clean) cosmeticClean++;
            }
            var fullyCorrect = t.RecordId is null ? link is null
                : trueFields.Count == 0 ? clean
                : linkedRight && r!.Status == "review" && trueFields.SetEquals(raisedFields);

            foreach (var damage in t.Damages.Distinct(StringComparer.Ordinal))
            {
                if (!perDamage.TryGetValue(damage, out var d)) perDamage[damage] = d = new DamageTally();
                d.Forms++;
                if (linkRight) d.LinkCorrect++;
                if (isCosmeticOnly) { d.CosmeticOnly++; if (clean) d.Clean++; }
                if (linkedRight && trueFields.Count > 0)
                {
                    d.TrueFields += trueFields.Count;
                    d.FoundFields += trueFields.Count(raisedFields.Contains);
                }
                if (fullyCorrect) d.FullyCorrect++;
                if (decisionCorrect) d.DecisionCorrect++;
                if (link is not null && !linkRight) d.WrongLinks++;
                if (t.RecordId is not null && link is null) d.Missed++;
            }
        }

        var byField = fieldTotals.Select(kv => new FlagScore(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2])).ToArray();
        var overall = new FlagScore("all", byField.Sum(f => f.TrueFlags), byField.Sum(f => f.RaisedFlags), byField.Sum(f => f.Correct));
        var precision = FlagScore.Ratio(correctLinks, predicted);
        var recall = FlagScore.Ratio(correctLinks, trueLinks);
        var damages = perDamage.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.Score(kv.Key)).ToArray();

        return new EvaluationReport(
            forms, missing, byForm.Keys.Count(k => !seen.Contains(k)),
            trueLinks, predicted, correctLinks, precision, recall,
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            byField, overall,
            cosmeticOnly, cosmeticClean, FlagScore.Ratio(cosmeticClean, cosmeticOnly),
            statusCounts,
            damages,
            damages.OrderBy(d => d.FullyCorrect).ThenByDescending(d => d.Forms).Take(WorstCount).ToArray(),
            new AbsentOutcome(absentForms, absentNoMatch, absentAmbiguous, absentLinked),
            new PresentOutcome(presentForms, presentRight, presentWrong, presentNoMatch, presentAmbiguous));
    }

    private sealed class DamageTally
    {
        public int Forms, LinkCorrect, CosmeticOnly, Clean, TrueFields, FoundFields, FullyCorrect, DecisionCorrect, WrongLinks, Missed;

        public DamageScore Score(string name) => new(
            name, Forms, (double)LinkCorrect / Forms,
            CosmeticOnly == 0 ? null : (double)Clean / CosmeticOnly,
            TrueFields == 0 ? null : (double)FoundFields / TrueFields,
            (double)FullyCorrect / Forms,
            (double)DecisionCorrect / Forms, WrongLinks, Missed);
    }
}
