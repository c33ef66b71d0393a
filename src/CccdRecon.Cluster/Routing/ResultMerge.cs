using CccdRecon.Core.Matching;

namespace CccdRecon.Cluster.Routing;

/// <summary>
/// One result from the answers of several partitions. One record linked: that answer. Records linked in more than one
/// partition: ambiguous, with every candidate listed (a person is one person; two partitions that each find them is
/// for staff to resolve). Nothing linked: an ambiguous answer if any, else the answer with the closest candidate.
/// </summary>
internal static class ResultMerge
{
    public const string SplitDecision = "ambiguous: records in more than one partition could be this person";

    public static Reconciliation Of(SurveyForm form, IReadOnlyList<Reconciliation> results)
    {
        if (results.Count == 1) return results[0];
        var linked = results.Where(ClusterReconciler.Linked).ToList();
        var records = linked.Select(r => r.RecordId).Distinct(StringComparer.Ordinal).Count();
        if (records == 1) return linked.MaxBy(r => r.Score)!;
        if (records > 1)
        {
            var best = linked.MaxBy(r => r.Score)!;
            var candidates = results.SelectMany(r => r.Explanation.Candidates)
                .GroupBy(c => c.RecordId, StringComparer.Ordinal).Select(g => g.MaxBy(c => c.Weight)!)
                .OrderByDescending(c => c.Weight).ToArray();
            return best with
            {
                FormId = form.FormId,
                Status = MatchStatus.Ambiguous,
                RecordId = null,
                Discrepancies = [],
                Explanation = best.Explanation with { Candidates = candidates, Decision = SplitDecision },
            };
        }
        // No link: the closest candidate anywhere is the one staff see (the first, the home answer, on a tie).
        return results.Where(r => r.Status == MatchStatus.Ambiguous).MaxBy(r => r.Score) ?? results.MaxBy(r => r.Score)!;
    }
}
