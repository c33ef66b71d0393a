using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// A bulk load lays each block's postings out side by side (<c>RegistryIndex.AddRange</c>); records upserted later are
/// linked in front. Either way a probe must find the same records in the same order as an index filled one record at a
/// time, or the candidates (and so the explanations and the cap on candidates) would differ with how the index was filled.
/// </summary>
public sealed class BlockLayoutTests
{
    private static readonly string[] Surnames = ["Nguyễn", "Trần", "Lê", "Hoàng", "Huỳnh"];
    private static readonly string[] Middles = ["Văn", "Thị", "Minh"];
    private static readonly string[] Givens = ["An", "Bình", "Hà", "Lan", "Nam"];

    private static List<RegistryRecord> Registry(Random rng, int count) =>
        Enumerable.Range(0, count).Select(i => new RegistryRecord
        {
            RecordId = $"R{i:D5}",
            PersonalId = rng.Next(3) == 0 ? null : $"0011{rng.Next(70, 73):D2}{i:D6}",
            FullName = $"{Surnames[rng.Next(Surnames.Length)]} {Middles[rng.Next(Middles.Length)]} {Givens[rng.Next(Givens.Length)]}",
            DateOfBirth = $"19{rng.Next(70, 73)}-{rng.Next(1, 3):D2}-{rng.Next(1, 5):D2}",
            Gender = rng.Next(2) == 0 ? "male" : "female",
            PermanentAddress = rng.Next(4) == 0 ? null : $"Số {rng.Next(1, 9)} Trần Phú, Hà Nội",
        }).ToList();

    [Fact]
    public void Bulk_loaded_blocks_are_probed_in_the_order_of_records_filed_one_at_a_time()
    {
        var rng = new Random(11);
        var registry = Registry(rng, 3_000);
        var today = new DateOnly(2026, 11, 22);
        // Two bulk loads (the second merged into the first's packed blocks), upserts after them, and a record replaced in place.
        var bulk = new RegistryIndex(today);
        bulk.AddRange(registry[..1_500]);
        bulk.AddRange(registry[1_500..2_500]);
        var one = new RegistryIndex(today);
        foreach (var r in registry[..2_500]) Assert.True(one.Upsert(r, out _));
        foreach (var index in (RegistryIndex[])[bulk, one])
        {
            foreach (var r in registry[2_500..]) Assert.True(index.Upsert(r, out _));
            Assert.True(index.Upsert(registry[7] with { FullName = "Trần Văn Nam" }, out _));
        }

        // Small caps so that the order also decides which records are cut off.
        var options = new MatchingOptions { MaxCandidates = 60, MaxBlockSize = 2_000 };
        var keys = new List<BlockingKey>();
        var compared = 0;
        foreach (var r in registry.Where((_, i) => i % 7 == 0))
        {
            var form = PersonProfile.FromForm(RegistryFixture.FormOf(r with { PersonalId = null }), today);
            var (fromBulk, fromOne) = (Probe(bulk, form, options, keys), Probe(one, form, options, keys));
            Assert.Equal(fromOne.Count, fromBulk.Count);
            for (var i = 0; i < fromOne.Count; i++) Assert.Equal(fromOne[i], fromBulk[i]);
            compared += fromOne.Count;
        }
        Assert.True(compared > 10_000, $"only {compared} candidates compared");
    }

    /// <summary>
    /// An import fills the index a message at a time: the first messages are laid into the packed blocks, later ones
    /// linked in front and folded in once they outgrow a quarter of the base (several folds here). Records replaced
    /// within a message and across messages included. Probes must find what one bulk load and what upserts one record
    /// at a time find, in the same order.
    /// </summary>
    [Fact]
    public void Blocks_filled_message_by_message_are_probed_as_those_of_one_load()
    {
        var rng = new Random(5);
        var registry = Registry(rng, 12_000);
        // Replacements: a record again later with another name and date (keys filed twice under its slot).
        var filed = new List<RegistryRecord>(registry);
        for (var i = 0; i < 300; i++)
        {
            var r = registry[rng.Next(registry.Count)];
            filed.Insert(rng.Next(filed.Count), r with { FullName = "Lê Thị Hà", DateOfBirth = "1971-02-03" });
        }
        var today = new DateOnly(2026, 11, 22);
        var bulk = new RegistryIndex(today);
        bulk.AddRange(filed);
        var messages = new RegistryIndex(today);
        for (var at = 0; at < filed.Count; at += 50) messages.AddRange(filed[at..Math.Min(at + 50, filed.Count)]);
        var one = new RegistryIndex(today);
        foreach (var r in filed) Assert.True(one.Upsert(r, out _));

        var options = new MatchingOptions { MaxCandidates = 400, MaxBlockSize = 5_000 };
        var keys = new List<BlockingKey>();
        var compared = 0;
        foreach (var r in registry.Where((_, i) => i % 23 == 0).Append(registry[0] with { FullName = "Lê Thị Hà", DateOfBirth = "1971-02-03" }))
        {
            var form = PersonProfile.FromForm(RegistryFixture.FormOf(r with { PersonalId = null }), today);
            var expected = Probe(one, form, options, keys);
            foreach (var index in (RegistryIndex[])[bulk, messages])
            {
                var found = Probe(index, form, options, keys);
                Assert.Equal(expected.Count, found.Count);
                for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], found[i]);
            }
            compared += expected.Count;
        }
        Assert.True(compared > 20_000, $"only {compared} candidates compared");
    }

    private static CandidateSet Probe(RegistryIndex index, PersonProfile form, MatchingOptions options, List<BlockingKey> keys)
    {
        var set = new CandidateSet();
        using var read = index.Read();
        new CandidateSearch(index, options).GatherAll(form, keys, set);
        return set;
    }
}
