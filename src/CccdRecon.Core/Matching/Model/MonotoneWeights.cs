namespace CccdRecon.Core.Matching;

/// <summary>A weight training could not keep as estimated, and why (reported in summary.json and model.json).</summary>
/// <param name="Field">the field's interchange name</param>
/// <param name="Level">the level's name</param>
/// <param name="EstimatedWeight">log2(m/u) as estimated</param>
/// <param name="Weight">the weight the model uses</param>
/// <param name="Reason">in words: which order it broke</param>
public sealed record HeldBackWeight(string Field, string Level, double EstimatedWeight, double Weight, string Reason);

/// <summary>
/// Keeps each field's weights in the order of its levels' ranks (<see cref="LevelSpec.Rank"/>, 0 the strongest): a
/// level never weighs more than one of a lower rank, and a level that means "differs" never weighs more than 0 bits. A
/// disagreement is never evidence for a match, whatever the sample said. Levels of one rank are not ordered among
/// themselves: a kind of near agreement that the data finds common between strangers (a date one digit off, in a
/// population where people who share a name share a birth year) keeps its low weight instead of being pooled up to
/// one the catalog happened to list after it.
/// </summary>
/// <remarks>
/// The weights are the isotonic regression of the likelihood ratios r = m/u, weighted by u, under that order — so a
/// pooled group of levels weighs log2(Σm/Σu), the weight the model would have learned had it never told them apart
/// (pooling on m and u rather than averaging weights keeps a rare level from dragging a common one). For a field whose
/// ranks form a chain this is pool-adjacent-violators; for the general order it is computed by the min–max formula
/// (Robertson, Wright and Dykstra, Order Restricted Statistical Inference, 1988, theorem 1.4.4):
/// r*(i) = max over upper sets U ∋ i of min over lower sets L ∋ i of Σm/Σu over U ∩ L. A field has at most
/// <see cref="MaxLevels"/> levels, so every set is enumerated.
/// </remarks>
internal static class MonotoneWeights
{
    /// <summary>The most levels a field may have for the sets of levels to be enumerated.</summary>
    public const int MaxLevels = 12;

    /// <summary>Returns the ordered weights of one field and adds each weight that had to change to <paramref name="heldBack"/>.</summary>
    public static double[] Enforce(FieldSpec field, double[] m, double[] u, List<HeldBackWeight> heldBack)
    {
        var n = m.Length;
        if (n > MaxLevels) throw new ArgumentException($"{field.Name}: at most {MaxLevels} levels", nameof(field));
        var raw = new double[n];
        for (var l = 0; l < n; l++) raw[l] = Math.Log2(m[l] / u[l]);

        // Upper sets hold, with a level, every level of a lower rank (the stronger ones); lower sets every level of a higher rank.
        var upper = new List<int>();
        var lower = new List<int>();
        for (var set = 1; set < 1 << n; set++)
        {
            if (IsClosed(field, set, towardStronger: true)) upper.Add(set);
            if (IsClosed(field, set, towardStronger: false)) lower.Add(set);
        }
        var fitted = new double[n];
        for (var i = 0; i < n; i++)
        {
            var best = double.NegativeInfinity;
            foreach (var up in upper)
            {
                if ((up & 1 << i) == 0) continue;
                var least = double.PositiveInfinity;
                foreach (var down in lower)
                    if ((down & 1 << i) != 0) least = Math.Min(least, Ratio(up & down, m, u));
                best = Math.Max(best, least);
            }
            fitted[i] = best;
        }

        var weights = new double[n];
        for (var l = 0; l < n; l++)
        {
            weights[l] = Math.Log2(fitted[l]);
            string? reason = null;
            var pooled = Enumerable.Range(0, n).Where(i => i != l && SameRatio(fitted[i], fitted[l]) && !SameRatio(fitted[l], m[l] / u[l])).ToArray();
            if (pooled.Length > 0)
                reason = $"pooled with {string.Join(", ", pooled.Select(i => field.Levels[i].Name))} to keep the levels in order";
            if (field.Levels[l].Meaning == LevelMeaning.Differs && weights[l] > 0)
            {
                weights[l] = 0;
                reason = reason is null ? "a level meaning \"differs\" held at 0 bits" : reason + "; a level meaning \"differs\" held at 0 bits";
            }
            if (reason is not null && Math.Abs(weights[l] - raw[l]) > 1e-9)
                heldBack.Add(new HeldBackWeight(field.Name, field.Levels[l].Name, Math.Round(raw[l], 4), Math.Round(weights[l], 4), reason));
        }
        return weights;
    }

    /// <summary>
    /// A set of levels is an upper set when, with each level, it holds every level of a lower rank; a lower set when it
    /// holds every level of a higher rank.
    /// </summary>
    private static bool IsClosed(FieldSpec field, int set, bool towardStronger)
    {
        for (var a = 0; a < field.LevelCount; a++)
        {
            if ((set & 1 << a) == 0) continue;
            for (var b = 0; b < field.LevelCount; b++)
            {
                var required = towardStronger ? field.Levels[b].Rank < field.Levels[a].Rank : field.Levels[b].Rank > field.Levels[a].Rank;
                if (required && (set & 1 << b) == 0) return false;
            }
        }
        return true;
    }

    private static double Ratio(int set, double[] m, double[] u)
    {
        double sm = 0, su = 0;
        for (var l = 0; l < m.Length; l++)
            if ((set & 1 << l) != 0) { sm += m[l]; su += u[l]; }
        return sm / su;
    }

    private static bool SameRatio(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(Math.Abs(a), Math.Abs(b));
}
