namespace CccdRecon.Core.Matching;

/// <summary>
/// Estimates m by expectation–maximisation over candidate pairs the way Splink does: one session per family of
/// blocking rules, in which the fields that rule blocks on are held fixed (the pairs agree on them because they were
/// blocked, not because they match), left out of the E-step, and only the other fields are estimated. Each field's m
/// is then the average over the sessions where it was free, weighted by the session's expected matches. u stays as
/// given (estimated on random pairs). A Dirichlet prior centred on the starting m keeps rare levels from collapsing.
/// </summary>
internal static class MEstimation
{
    /// <summary>Sessions with fewer pairs than this keep the starting m of their free fields.</summary>
    public const int MinSessionPairs = 200;
    public const int Iterations = 15;
    /// <summary>Pseudo-pairs of the Dirichlet prior on each field's m.</summary>
    public const double PriorStrength = 50;

    public static (double[][] M, IReadOnlyList<TrainingSessionSummary> Sessions) Estimate(
        double[][] startM, double[][] u, IReadOnlyList<TrainingSession> sessions)
    {
        var sums = startM.Select(a => new double[a.Length]).ToArray();
        var weights = new double[startM.Length];
        var summaries = new List<TrainingSessionSummary>();
        foreach (var session in sessions)
        {
            if (session.Pairs.Count < MinSessionPairs)
            {
                summaries.Add(new TrainingSessionSummary(session.Name, session.Pairs.Count, 0));
                continue;
            }
            var (m, expected) = Run(startM, u, session.Pairs, session.Free);
            summaries.Add(new TrainingSessionSummary(session.Name, session.Pairs.Count, Math.Round(expected, 1)));
            for (var f = 0; f < m.Length; f++)
            {
                if (!session.Free[f]) continue;
                for (var l = 0; l < m[f].Length; l++) sums[f][l] += m[f][l] * expected;
                weights[f] += expected;
            }
        }
        var combined = new double[startM.Length][];
        for (var f = 0; f < startM.Length; f++)
        {
            combined[f] = weights[f] > 0 ? sums[f].Select(v => v / weights[f]).ToArray() : startM[f].ToArray();
            Probabilities.Normalise(combined[f]);
        }
        return (combined, summaries);
    }

    private static (double[][] M, double ExpectedMatches) Run(double[][] startM, double[][] u, IReadOnlyList<LevelVector> pairs, bool[] free)
    {
        var m = startM.Select(a => a.ToArray()).ToArray();
        var lambda = 0.5;
        var posterior = new double[pairs.Count];
        double expected = 0;
        for (var it = 0; it < Iterations; it++)
        {
            expected = 0;
            for (var i = 0; i < pairs.Count; i++)
            {
                // The fields the session blocked on say nothing here: every pair agrees on them by construction. A pair
                // the decision rules could never link is no match, however alike it looks (see DecisionRules.CouldBeLinked).
                posterior[i] = DecisionRules.CouldBeLinked(pairs[i]) ? Posterior(pairs[i], m, u, lambda, free) : 0;
                expected += posterior[i];
            }
            lambda = Math.Clamp(expected / pairs.Count, 1e-6, 0.999);
            for (var f = 0; f < m.Length; f++)
            {
                if (!free[f]) continue;
                var acc = new double[m[f].Length];
                double total = 0;
                for (var i = 0; i < pairs.Count; i++)
                {
                    var l = pairs[i][f];
                    if (l < 0) continue;
                    acc[l] += posterior[i];
                    total += posterior[i];
                }
                for (var l = 0; l < acc.Length; l++)
                    m[f][l] = (acc[l] + PriorStrength * startM[f][l]) / (total + PriorStrength);
                Probabilities.Normalise(m[f]);
            }
        }
        return (m, expected);
    }

    private static double Posterior(in LevelVector v, double[][] m, double[][] u, double lambda, bool[] use)
    {
        var logRatio = Math.Log2(lambda / (1 - lambda));
        for (var f = 0; f < m.Length; f++)
        {
            var l = v[f];
            if (l >= 0 && use[f]) logRatio += Math.Log2(m[f][l] / u[f][l]);
        }
        return 1 / (1 + Math.Pow(2, -Math.Clamp(logRatio, -60, 60)));
    }
}

/// <summary>Small helpers for probability vectors.</summary>
internal static class Probabilities
{
    /// <summary>Floor of any m or u: a level never observed is rare, not impossible.</summary>
    public const double Floor = 1e-9;

    /// <summary>Scales the levels not in <paramref name="fixedLevels"/> so that the whole sums to 1.</summary>
    public static void Normalise(double[] p, ReadOnlySpan<int> fixedLevels = default)
    {
        double fixedSum = 0, free = 0;
        for (var i = 0; i < p.Length; i++)
        {
            if (fixedLevels.Contains(i)) fixedSum += p[i];
            else free += p[i];
        }
        var scale = (1 - fixedSum) / free;
        for (var i = 0; i < p.Length; i++)
            if (!fixedLevels.Contains(i)) p[i] = Math.Max(p[i] * scale, Floor);
    }
}
