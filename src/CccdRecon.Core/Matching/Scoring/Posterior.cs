namespace CccdRecon.Core.Matching;

/// <summary>
/// The posterior of each candidate, competing with the others and with "none of these": at most one record is this
/// person, so p_i = odds_i / (1 + Σ odds_j), where odds_i = 2^(weight_i) already holds the prior π/((1 − π)N) (see
/// <see cref="MatchModel.PriorWeight"/>) and the 1 is the odds of "the person is not in the registry". Two equally good
/// namesakes each get under one half, never both a certain match. Written once, used by the verdict and the output.
/// </summary>
internal readonly struct Posterior
{
    private readonly double _top, _denominator;

    private Posterior(double top, double denominator) => (_top, _denominator) = (top, denominator);

    /// <summary>
    /// The competition among candidates sorted best first. Pruned candidates count at their upper bound, or not at all
    /// (the true posterior lies between the two).
    /// </summary>
    public static Posterior Over(List<Scored> sorted, bool includePruned = true) => Over(sorted, [], includePruned);

    /// <summary>
    /// The same with candidates set aside apart from the list (<see cref="SetAsideCandidates.Rest"/>: pruned, their
    /// weights ascending, none above the list's first): their odds are added where the full list would have them, in
    /// best-first order, so the sum is the full list's to the bit.
    /// </summary>
    public static Posterior Over(List<Scored> sorted, ReadOnlySpan<double> rest, bool includePruned = true)
    {
        if (sorted.Count == 0) return new Posterior(0, 1);
        // Work relative to the best to stay finite: odds_j = 2^(w_j - top) * 2^top.
        var top = sorted[0].Weight;
        double sum = 0;
        var odds = new TiedOdds(top);
        var r = rest.Length - 1;
        foreach (var s in sorted)
        {
            // Equal weights give equal odds: whether the list's or the rest's comes first adds the same values in the same order.
            for (; r >= 0 && rest[r] > s.Weight; r--)
                if (includePruned) sum += odds.Of(rest[r]);
            if (includePruned || !s.Pruned) sum += odds.Of(s.Weight);
        }
        for (; r >= 0; r--)
            if (includePruned) sum += odds.Of(rest[r]);
        return new Posterior(top, Math.Pow(2, Math.Clamp(-top, -1000, 1000)) + sum);
    }

    /// <summary>The posterior of a candidate with this weight.</summary>
    public double Of(double weight) => Relative(weight, _top) / _denominator;

    /// <summary>
    /// Replaces each candidate's probability with its posterior: the same sums and quotients as <see cref="Over"/> and
    /// <see cref="Of"/>, each candidate's odds raised once (not once for the sum and again for its share).
    /// </summary>
    public static void Assign(List<Scored> sorted) => Assign(sorted, []);

    /// <summary>
    /// The same with candidates set aside apart from the list (see <see cref="Over(List{Scored}, ReadOnlySpan{double}, bool)"/>):
    /// their odds count in the sum at their place in best-first order; only the list's candidates are given a probability.
    /// </summary>
    public static void Assign(List<Scored> sorted, ReadOnlySpan<double> rest)
    {
        if (sorted.Count == 0) return;
        var top = sorted[0].Weight;
        var odds = sorted.Count <= StackOdds ? stackalloc double[sorted.Count] : new double[sorted.Count];
        double sum = 0;
        var tied = new TiedOdds(top);
        var r = rest.Length - 1;
        for (var i = 0; i < sorted.Count; i++)
        {
            var weight = sorted[i].Weight;
            for (; r >= 0 && rest[r] > weight; r--) sum += tied.Of(rest[r]);
            sum += odds[i] = tied.Of(weight);
        }
        for (; r >= 0; r--) sum += tied.Of(rest[r]);
        var denominator = Math.Pow(2, Math.Clamp(-top, -1000, 1000)) + sum;
        for (var i = 0; i < sorted.Count; i++) sorted[i] = sorted[i] with { Probability = odds[i] / denominator };
    }

    /// <summary>Candidates up to this many keep their odds on the stack in <see cref="Assign"/>.</summary>
    private const int StackOdds = 512;

    /// <summary>A candidate's probability were it the only one (against "none of these" alone).</summary>
    public static double Alone(double bits) => 1 / (1 + Math.Pow(2, -Math.Clamp(bits, -60, 60)));

    /// <summary>The weight at which a lone candidate reaches probability <paramref name="p"/>.</summary>
    public static double Logit(double p) => Math.Log2(p / (1 - p));

    private static double Relative(double weight, double top) => Math.Pow(2, Math.Max(weight - top, -200));

    /// <summary>
    /// <see cref="Relative"/> over a list sorted best first, raised once per run of equal weights: candidates held at their
    /// bounds tie by the dozen, and the same weight gives the same odds to the bit.
    /// </summary>
    private struct TiedOdds(double top)
    {
        private double _weight = double.NaN, _odds;

        public double Of(double weight)
        {
            if (weight == _weight) return _odds;
            _weight = weight;
            return _odds = Relative(weight, top);
        }
    }
}
