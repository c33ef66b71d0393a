using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// The order training keeps the weights in (<see cref="MonotoneWeights"/>): by each level's rank, never by the order the
/// catalog happens to list levels of one rank in; and properties that hold for any m and u a sample could produce.
/// </summary>
public sealed class MonotoneWeightsTests
{
    private static readonly FieldSpec Date = FieldCatalog.Of(MatchField.DateOfBirth);

    [Fact]
    public void A_near_level_the_data_finds_common_between_strangers_keeps_its_low_weight()
    {
        // A date one digit off: seen as often among strangers as among matches (0 bits), while a year off by one and
        // a year only are good evidence. They are kinds of near agreement of one rank: nothing is pooled.
        double[] m = [0.80, 0.01, 0.02, 0.001, 0.015, 0.16, 0.004];
        double[] u = [3e-6, 2e-5, 5e-5, 1e-3, 1.6e-4, 1.5e-3, 0.9973];
        var held = new List<HeldBackWeight>();

        var weights = MonotoneWeights.Enforce(Date, m, u, held);

        Assert.Equal(0, weights[(int)DateLevel.OneDigitOff], 9);
        Assert.Equal(Math.Log2(0.015 / 1.6e-4), weights[(int)DateLevel.YearOffByOne], 9);
        Assert.Equal(Math.Log2(0.16 / 1.5e-3), weights[(int)DateLevel.ConsistentPartial], 9);
        Assert.Empty(held);
    }

    [Fact]
    public void A_level_that_outweighs_a_stronger_rank_is_pooled_with_the_weakest_of_that_rank()
    {
        // The ID number "consistent" with the record (rank 2) estimated above a transposition (rank 1), not above one digit.
        var id = FieldCatalog.Of(MatchField.PersonalId);
        double[] m = [0.9, 0.001, 0.02, 0.05, 0.02, 0.009];
        double[] u = [1e-8, 1e-4, 1e-7, 1e-3, 0.95, 0.049];
        var held = new List<HeldBackWeight>();

        var weights = MonotoneWeights.Enforce(id, m, u, held);

        var pooled = Math.Log2((0.001 + 0.05) / (1e-4 + 1e-3));
        Assert.Equal(pooled, weights[(int)IdLevel.Transposition], 9);
        Assert.Equal(pooled, weights[(int)IdLevel.Consistent], 9);
        Assert.Equal(Math.Log2(0.02 / 1e-7), weights[(int)IdLevel.OneDigit], 9);
        Assert.Equal(["transposition", "consistent"], held.Select(h => h.Level));
        Assert.Contains("pooled with consistent", held[0].Reason);
    }

    [Fact]
    public void Ranks_run_from_the_strongest_agreement_to_the_levels_that_differ()
    {
        foreach (var field in FieldCatalog.Fields)
        {
            Assert.Equal(0, field.Levels[0].Rank);
            for (var l = 1; l < field.LevelCount; l++) Assert.True(field.Levels[l].Rank >= field.Levels[l - 1].Rank, $"{field.Name}.{field.Levels[l].Name}");
            foreach (var differs in field.Levels.Where(l => l.Meaning == LevelMeaning.Differs))
                Assert.All(field.Levels.Where(l => l.Meaning != LevelMeaning.Differs), l => Assert.True(l.Rank < differs.Rank, $"{field.Name}.{l.Name}"));
        }
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void For_any_estimate_the_weights_keep_the_order_of_ranks_and_a_difference_is_never_evidence(int seed)
    {
        var random = new Random(seed);
        foreach (var field in FieldCatalog.Fields)
        {
            var (m, u) = RandomEstimate(field, random);
            var held = new List<HeldBackWeight>();

            var weights = MonotoneWeights.Enforce(field, m, u, held);

            for (var a = 0; a < field.LevelCount; a++)
            {
                for (var b = 0; b < field.LevelCount; b++)
                    if (field.Levels[a].Rank < field.Levels[b].Rank)
                        Assert.True(weights[b] <= weights[a] + 1e-9, $"{field.Name}: {field.Levels[b].Name} {weights[b]:0.000} > {field.Levels[a].Name} {weights[a]:0.000}");
                if (field.Levels[a].Meaning == LevelMeaning.Differs) Assert.True(weights[a] <= 0, $"{field.Name}.{field.Levels[a].Name}");
            }
            // Every weight that moved is reported with its estimate, and no other.
            var moved = Enumerable.Range(0, field.LevelCount).Where(l => Math.Abs(weights[l] - Math.Log2(m[l] / u[l])) > 1e-9).Select(l => field.Levels[l].Name);
            Assert.Equal(moved, held.Select(h => h.Level));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Pooling_keeps_the_evidence_of_each_pooled_group_and_changes_nothing_already_in_order(int seed)
    {
        var random = new Random(seed);
        foreach (var field in FieldCatalog.Fields)
        {
            var (m, u) = RandomEstimate(field, random);
            var held = new List<HeldBackWeight>();
            var weights = MonotoneWeights.Enforce(field, m, u, held);
            // Each group of levels given one weight weighs log2(Σm/Σu) over it (unless a difference in it was held at 0).
            if (!held.Any(h => h.Reason.Contains("held at 0 bits", StringComparison.Ordinal)))
                foreach (var group in Enumerable.Range(0, field.LevelCount).GroupBy(l => Math.Round(weights[l], 9)).Where(g => g.Count() > 1))
                    Assert.Equal(Math.Log2(group.Sum(l => m[l]) / group.Sum(l => u[l])), weights[group.First()], 6);

            // Enforcing again on estimates already in order changes nothing.
            var ordered = weights.Select(w => Math.Pow(2, w)).ToArray();
            var again = MonotoneWeights.Enforce(field, ordered, [.. Enumerable.Repeat(1.0, field.LevelCount)], []);
            for (var l = 0; l < field.LevelCount; l++) Assert.Equal(weights[l], again[l], 9);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void On_a_chain_of_ranks_the_weights_are_pool_adjacent_violators(int seed)
    {
        var random = new Random(seed);
        var address = FieldCatalog.Of(MatchField.Address);
        var (m, u) = RandomEstimate(address, random);

        var weights = MonotoneWeights.Enforce(address, m, u, []);

        var expected = PoolAdjacentViolators(m, u);
        for (var l = 0; l < address.LevelCount; l++)
            Assert.Equal(address.Levels[l].Meaning == LevelMeaning.Differs ? Math.Min(0, expected[l]) : expected[l], weights[l], 9);
    }

    private static (double[] M, double[] U) RandomEstimate(FieldSpec field, Random random)
    {
        var m = field.Levels.Select(_ => Math.Pow(10, -4 * random.NextDouble())).ToArray();
        var u = field.Levels.Select(_ => Math.Pow(10, -7 * random.NextDouble())).ToArray();
        return (Normalised(m), Normalised(u));
    }

    private static double[] Normalised(double[] p)
    {
        var sum = p.Sum();
        return p.Select(v => v / sum).ToArray();
    }

    /// <summary>The textbook algorithm for a chain, as the reference.</summary>
    private static double[] PoolAdjacentViolators(double[] m, double[] u)
    {
        var blocks = new List<(int Start, int End, double M, double U)>();
        for (var l = 0; l < m.Length; l++)
        {
            blocks.Add((l, l + 1, m[l], u[l]));
            while (blocks.Count > 1 && blocks[^2].M / blocks[^2].U < blocks[^1].M / blocks[^1].U)
            {
                var (a, b) = (blocks[^2], blocks[^1]);
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (a.Start, b.End, a.M + b.M, a.U + b.U);
            }
        }
        var weights = new double[m.Length];
        foreach (var block in blocks)
            for (var l = block.Start; l < block.End; l++) weights[l] = Math.Log2(block.M / block.U);
        return weights;
    }
}
