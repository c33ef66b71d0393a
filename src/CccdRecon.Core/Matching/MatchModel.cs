namespace CccdRecon.Core.Matching;

/// <summary>Candidate pairs found by one family of blocking rules, and which fields EM may estimate from them.</summary>
internal sealed record TrainingSession(string Name, bool[] Free, List<LevelVector> Pairs);

/// <summary>
/// Fellegi–Sunter parameters: per field and level, m = P(level | same person) and u = P(level | different people).
/// A level adds log2(m/u) bits of evidence; the prior adds log2(λ/(1-λ)). u is estimated from random registry pairs,
/// m and λ by expectation–maximisation over candidate pairs (as Splink and fastLink do).
/// Immutable: training produces a new model, so concurrent readers never see a half-updated one.
/// </summary>
internal sealed class MatchModel
{
    private readonly double[][] _m;
    private readonly double[][] _u;
    private readonly double[][] _weights;
    private readonly double[] _maxWeight, _maxWeightDisagreeing, _minWeight;

    private MatchModel(double[][] m, double[][] u, double lambda)
    {
        _m = m;
        _u = u;
        Lambda = Math.Clamp(lambda, 1e-6, 0.999);
        PriorWeight = Math.Log2(Lambda / (1 - Lambda));
        _weights = new double[m.Length][];
        for (var f = 0; f < m.Length; f++)
        {
            _weights[f] = new double[m[f].Length];
            for (var l = 0; l < m[f].Length; l++) _weights[f][l] = Math.Log2(m[f][l] / u[f][l]);
        }
        // Bounds are read for every candidate of every form: computed once here.
        _maxWeight = _weights.Select(w => w.Max()).ToArray();
        _maxWeightDisagreeing = _weights.Select(w => w.Length > 1 ? w.Skip(1).Max() : w[0]).ToArray();
        _minWeight = _weights.Select(w => Math.Min(0, w.Min())).ToArray();
    }

    /// <summary>Share of candidate pairs that are the same person.</summary>
    public double Lambda { get; }

    public double PriorWeight { get; }

    public static MatchModel Default { get; } = new(
        FieldCatalog.Fields.Select(f => f.InitialM.ToArray()).ToArray(),
        FieldCatalog.Fields.Select(f => f.InitialU.ToArray()).ToArray(),
        0.1);

    public double M(int field, int level) => _m[field][level];
    public double U(int field, int level) => _u[field][level];
    public double Weight(int field, int level) => _weights[field][level];

    /// <summary>The most a field can add (its best level's weight).</summary>
    public double MaxWeight(int field) => _maxWeight[field];

    /// <summary>The most a field can add when its values are known not to agree (its best level after the first).</summary>
    public double MaxWeightDisagreeing(int field) => _maxWeightDisagreeing[field];

    /// <summary>The most a field can take away (its worst level's weight, at most 0).</summary>
    public double MinWeight(int field) => _minWeight[field];

    /// <summary>Weight of an agreeing name, adjusted for how common the name is (a shared "Nguyễn Văn Hùng" proves less than a rare one).</summary>
    public double NameAgreeWeight(double termFrequency)
    {
        var u = Math.Max(termFrequency, 1e-9);
        return Math.Log2(_m[(int)MatchField.FullName][0] / u);
    }

    /// <summary>Replaces u with frequencies counted over random pairs of different registry records (Laplace-smoothed).</summary>
    public MatchModel WithU(IReadOnlyList<LevelVector> randomPairs)
    {
        if (randomPairs.Count < 1000) return this;
        var u = new double[_u.Length][];
        for (var f = 0; f < _u.Length; f++)
        {
            var counts = new double[_u[f].Length];
            double total = 0;
            foreach (var v in randomPairs)
            {
                var level = v[f];
                if (level < 0) continue;
                counts[level]++;
                total++;
            }
            u[f] = _u[f].ToArray();
            // Levels a registry-to-registry pair cannot show (an ID judged only by its structure) keep their prior.
            if (total < 1000) continue;
            for (var l = 0; l < counts.Length; l++)
            {
                if (f == (int)MatchField.PersonalId && l is 3 or 5) continue;
                u[f][l] = Math.Max((counts[l] + 0.01) / (total + 0.01 * counts.Length), 1e-9);
            }
            Renormalise(u[f], f == (int)MatchField.PersonalId ? [3, 5] : []);
        }
        return new MatchModel(_m, u, Lambda);
    }

    /// <summary>
    /// Re-estimates m by EM over candidate pairs the way Splink does: one session per family of blocking rules, in
    /// which the fields that rule blocks on are held fixed (the pairs agree on them because they were blocked, not
    /// because they match), left out of the E-step, and only the other fields are estimated. Each field's m is then the average over the
    /// sessions where it was free, weighted by the session's expected matches; λ is re-estimated last with m fixed.
    /// A Dirichlet prior centred on the current m keeps rare levels from collapsing to zero.
    /// </summary>
    public MatchModel WithEm(IReadOnlyList<TrainingSession> sessions, IReadOnlyList<LevelVector> allPairs, int iterations = 15, double priorStrength = 50)
    {
        var sums = _m.Select(a => new double[a.Length]).ToArray();
        var weights = new double[_m.Length];
        foreach (var session in sessions)
        {
            if (session.Pairs.Count < 200) continue;
            var (m, expected) = RunEm(session.Pairs, session.Free, iterations, priorStrength);
            for (var f = 0; f < m.Length; f++)
            {
                if (!session.Free[f]) continue;
                for (var l = 0; l < m[f].Length; l++) sums[f][l] += m[f][l] * expected;
                weights[f] += expected;
            }
        }
        var combined = new double[_m.Length][];
        for (var f = 0; f < _m.Length; f++)
        {
            combined[f] = weights[f] > 0 ? sums[f].Select(v => v / weights[f]).ToArray() : _m[f].ToArray();
            Renormalise(combined[f], []);
        }
        var lambda = Lambda;
        var fixedModel = new MatchModel(combined, _u, lambda);
        for (var it = 0; it < iterations && allPairs.Count > 0; it++)
        {
            double sum = 0;
            foreach (var v in allPairs) sum += fixedModel.Posterior(v, lambda);
            lambda = Math.Clamp(sum / allPairs.Count, 1e-6, 0.999);
        }
        return new MatchModel(combined, _u, lambda);
    }

    private double Posterior(in LevelVector v, double lambda) => Posterior(v, _m, lambda);

    private double Posterior(in LevelVector v, double[][] m, double lambda, bool[]? use = null)
    {
        var logRatio = Math.Log2(lambda / (1 - lambda));
        for (var f = 0; f < m.Length; f++)
        {
            var l = v[f];
            if (l >= 0 && (use is null || use[f])) logRatio += Math.Log2(m[f][l] / _u[f][l]);
        }
        return 1 / (1 + Math.Pow(2, -Math.Clamp(logRatio, -60, 60)));
    }

    private (double[][] M, double ExpectedMatches) RunEm(IReadOnlyList<LevelVector> pairs, bool[] free, int iterations, double priorStrength)
    {
        var m = _m.Select(a => a.ToArray()).ToArray();
        var lambda = 0.5;
        var posterior = new double[pairs.Count];
        double expected = 0;
        for (var it = 0; it < iterations; it++)
        {
            expected = 0;
            for (var i = 0; i < pairs.Count; i++)
            {
                // The fields the session blocked on say nothing here: every pair agrees on them by construction.
                posterior[i] = Posterior(pairs[i], m, lambda, free);
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
                    m[f][l] = (acc[l] + priorStrength * _m[f][l]) / (total + priorStrength);
                Renormalise(m[f], []);
            }
        }
        return (m, expected);
    }

    private static void Renormalise(double[] p, int[] fixedLevels)
    {
        double fixedSum = 0, free = 0;
        for (var i = 0; i < p.Length; i++)
        {
            if (fixedLevels.Contains(i)) fixedSum += p[i];
            else free += p[i];
        }
        var scale = (1 - fixedSum) / free;
        for (var i = 0; i < p.Length; i++)
            if (!fixedLevels.Contains(i)) p[i] = Math.Max(p[i] * scale, 1e-9);
    }
}
