namespace CccdRecon.Core.Matching;

/// <summary>A weight training could not keep as estimated, and why (reported in summary.json and model.json).</summary>
/// <param name="Field">the field's interchange name</param>
/// <param name="Level">the level's name</param>
/// <param name="EstimatedWeight">log2(m/u) as estimated</param>
/// <param name="Weight">the weight the model uses</param>
/// <param name="Reason">in words: which order it broke</param>
public sealed record HeldBackWeight(string Field, string Level, double EstimatedWeight, double Weight, string Reason);

/// <summary>
/// Keeps each field's weights in the order of its levels (strongest agreement first): a level never weighs more than
/// one above it, and a level that means "differs" never weighs more than 0 bits. A disagreement is never evidence for
/// a match, whatever the sample said.
/// </summary>
/// <remarks>
/// Violators are pooled (pool-adjacent-violators on the likelihood ratio): adjacent levels out of order are treated as
/// one level, whose weight is log2(Σm/Σu) over them — the weight the model would have learned had it never told them
/// apart. Pooling on m and u rather than averaging weights keeps a rare level from dragging a common one.
/// </remarks>
internal static class MonotoneWeights
{
    /// <summary>Returns the ordered weights of one field and adds each weight that had to change to <paramref name="heldBack"/>.</summary>
    public static double[] Enforce(FieldSpec field, double[] m, double[] u, List<HeldBackWeight> heldBack)
    {
        var n = m.Length;
        var raw = new double[n];
        for (var l = 0; l < n; l++) raw[l] = Math.Log2(m[l] / u[l]);

        // Blocks of pooled levels: [Start, End), with their summed m and u.
        var blocks = new List<(int Start, int End, double M, double U)>(n);
        for (var l = 0; l < n; l++)
        {
            blocks.Add((l, l + 1, m[l], u[l]));
            while (blocks.Count > 1 && Ratio(blocks[^2]) < Ratio(blocks[^1]))
            {
                var (a, b) = (blocks[^2], blocks[^1]);
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (a.Start, b.End, a.M + b.M, a.U + b.U);
            }
        }

        var weights = new double[n];
        foreach (var block in blocks)
        {
            var pooled = Math.Log2(block.M / block.U);
            for (var l = block.Start; l < block.End; l++)
            {
                weights[l] = pooled;
                string? reason = null;
                if (block.End - block.Start > 1)
                    reason = $"pooled with {string.Join(", ", Enumerable.Range(block.Start, block.End - block.Start).Where(i => i != l).Select(i => field.Levels[i].Name))} to keep the levels in order";
                if (field.Levels[l].Meaning == LevelMeaning.Differs && weights[l] > 0)
                {
                    weights[l] = 0;
                    reason = reason is null ? "a level meaning \"differs\" held at 0 bits" : reason + "; a level meaning \"differs\" held at 0 bits";
                }
                if (reason is not null && Math.Abs(weights[l] - raw[l]) > 1e-9)
                    heldBack.Add(new HeldBackWeight(field.Name, field.Levels[l].Name, Math.Round(raw[l], 4), Math.Round(weights[l], 4), reason));
            }
        }
        return weights;
    }

    private static double Ratio((int Start, int End, double M, double U) block) => block.M / block.U;
}
