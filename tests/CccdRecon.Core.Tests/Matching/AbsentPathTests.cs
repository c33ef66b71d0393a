using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// The parts that make an absent person's form cheap (about 175 candidates, nearly all set aside at a bound) must give
/// exactly what the plain way gives: the candidates in <see cref="Scored.BestFirst"/> order, name agreement decided by
/// the index's name numbers as by the folded names themselves, and the posterior of every candidate to the last bit.
/// </summary>
public sealed class AbsentPathTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly string[] Surnames = ["Nguyễn", "NGUYỄN", "Nguyen", "Trần", "Tran", "Lê"];
    private static readonly string[] Givens = ["Hòa", "Hoà", "Hoa", "Hùng", "HÙNG", "Lan", "Lân", "An"];

    private static readonly string[] RareSurnames = ["Phan", "Đặng", "Bùi", "Đỗ"];
    private static readonly string[] RareGivens = ["Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Tý", "Sửu", "Dần"];

    private static string Name(Random rng) => $"{Surnames[rng.Next(Surnames.Length)]} Văn {Givens[rng.Next(Givens.Length)]}";

    /// <summary>One of 40 names borne by a record or two at most: renaming comes and goes with them.</summary>
    private static string RareName(Random rng) => $"{RareSurnames[rng.Next(RareSurnames.Length)]} Thị {RareGivens[rng.Next(RareGivens.Length)]}";

    // Weights from a few values, so that most compare equal and the record ids decide; some ids' places unknown.
    [Fact]
    public void Candidates_sort_as_the_list_sort_does() => SortsAsTheListSort(new Random(20), [], (rng, k) => rng.Next(4) == 0 ? -1 : k);

    /// <summary>
    /// Every place in id order known (the usual case: a registry loaded in id order), the order is sorted as 128-bit
    /// integer keys: the same list as the list sort, weights of either sign, zero and minus zero, and infinities included.
    /// </summary>
    [Fact]
    public void Candidates_with_known_id_order_sort_as_the_list_sort_does() =>
        SortsAsTheListSort(new Random(22), [0.0, -0.0, double.NegativeInfinity, 1e-300, -1e-300], (_, k) => k);

    private static void SortsAsTheListSort(Random rng, double[] moreWeights, Func<Random, int, int> idOrder)
    {
        var sorter = new BestFirstSort();
        for (var round = 0; round < 2_000; round++)
        {
            var n = rng.Next(0, 300);
            var weights = Enumerable.Range(0, 4).Select(_ => Math.Round(rng.NextDouble() * 40 - 30, 2)).Concat(moreWeights).ToArray();
            var list = Enumerable.Range(0, n).Select(k =>
            {
                var record = new IndexedRecord(new RegistryRecord { RecordId = $"R{k:D4}", FullName = "Lê Văn An" }, null!);
                return new Scored(record, new ComparisonBox(), weights[rng.Next(weights.Length)], 0, 0, rng.Next(3) == 0, idOrder(rng, k));
            }).OrderBy(_ => rng.Next()).ToList();
            var expected = list.ToList();
            expected.Sort(Scored.BestFirst);
            sorter.Sort(list);
            Assert.Equal(expected.Select(s => (s.Record.Record.RecordId, s.Weight, s.Pruned)), list.Select(s => (s.Record.Record.RecordId, s.Weight, s.Pruned)));
        }
    }

    [Fact]
    public void Name_numbers_are_equal_exactly_when_folded_names_are()
    {
        var rng = new Random(21);
        var index = new RegistryIndex(Today);
        var registry = Enumerable.Range(0, 400).Select(i => new RegistryRecord { RecordId = $"R{i:D4}", FullName = i < 30 ? RareName(rng) : Name(rng), DateOfBirth = "1980" }).ToList();
        index.AddRange(registry);
        // Renamed one at a time and in a batch: a name's last bearer renamed takes the name's number away, and a name
        // borne again is numbered anew while the others keep theirs.
        string Rename(int i) => i % 3 == 0 ? Name(rng) : RareName(rng);
        for (var i = 0; i < 300; i++) Assert.True(index.Upsert(registry[rng.Next(40)] with { FullName = Rename(i) }, out _));
        index.AddRange(Enumerable.Range(0, 100).Select(i => registry[rng.Next(registry.Count)] with { FullName = Rename(i) }).DistinctBy(r => r.RecordId).ToList());
        index.AddRange([new RegistryRecord { RecordId = "R-ONE", FullName = "Hoàng" }]);

        var forms = Enumerable.Range(0, 200).Select(i => i % 4 == 0 ? RareName(rng) : Name(rng)).Concat(["Hoàng", "Huỳnh", "Ph¹m V¨n Hïng", "Nguyễn Văn Tèo"])
            .Select(name => PersonProfile.FromForm(new SurveyForm { FormId = "F", FullName = name }, Today)).ToList();
        var names = new FormNames();
        using var read = index.Read();
        var slots = Enumerable.Range(0, index.CountInRead).ToList();
        var agreeing = 0;
        foreach (var a in slots)
        {
            var folded = index.At(a).Profile.Name.FoldedKey;
            Assert.NotEqual(0, index.SketchAt(a).NameId);
            foreach (var b in slots)
                Assert.Equal(folded == index.At(b).Profile.Name.FoldedKey, index.SketchAt(a).NameId == index.SketchAt(b).NameId);
            foreach (var form in forms)
            {
                names.Reset(form, index);
                var same = form.Name.FoldedKey == folded;
                Assert.Equal(same, names.Sketch.NameId == index.SketchAt(a).NameId);
                if (form.Name.Alternative is { } alternative)
                    Assert.Equal(alternative.FoldedKey == folded, names.Sketch.AlternativeNameId == index.SketchAt(a).NameId);
                agreeing += same ? 1 : 0;
            }
        }
        Assert.True(agreeing > 1_000, $"only {agreeing} agreeing pairs");
    }

    [Fact]
    public void Candidates_found_by_several_keys_are_listed_once_in_order_of_first_finding()
    {
        var rng = new Random(23);
        var set = new CandidateSet();
        var kinds = Enum.GetValues<BlockingKeyKind>();
        for (var round = 0; round < 300; round++)
        {
            set.Clear();
            var expected = new List<(int Slot, uint Kinds)>();
            // Slots from a narrow range (found again and again) or anywhere, up to past the set's first size.
            var n = rng.Next(0, 3_000);
            for (var i = 0; i < n; i++)
            {
                var slot = rng.Next(2) == 0 ? rng.Next(300) : rng.Next(int.MaxValue - 1);
                var kind = kinds[rng.Next(kinds.Length)];
                set.Add(slot, kind);
                var at = expected.FindIndex(e => e.Slot == slot);
                if (at < 0) expected.Add((slot, 1u << (int)kind));
                else expected[at] = (slot, expected[at].Kinds | 1u << (int)kind);
            }
            Assert.Equal(expected, Enumerable.Range(0, set.Count).Select(i => set[i]));
        }
    }

    [Fact]
    public void The_posterior_is_assigned_to_the_last_bit()
    {
        var rng = new Random(22);
        for (var round = 0; round < 500; round++)
        {
            var list = Enumerable.Range(0, rng.Next(1, 700))
                .Select(k => new Scored(null!, null!, rng.NextDouble() * 120 - 100, 0, 0, rng.Next(2) == 0))
                .OrderByDescending(s => s.Weight).ToList();
            var posterior = Posterior.Over(list);
            var expected = list.Select(s => posterior.Of(s.Weight)).ToList();
            Posterior.Assign(list);
            Assert.Equal(expected, list.Select(s => s.Probability));
        }
    }
}
