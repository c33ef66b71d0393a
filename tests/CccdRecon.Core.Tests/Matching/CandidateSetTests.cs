using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// A form's candidates gathered over its keys (<c>CandidateSet</c>): each record once, in the order first found, with every
/// key kind that found it. <c>RegistryIndex.Probe</c> starts loading a candidate's sketch only when <c>Add</c> says it is
/// new, so that answer must be exactly "not seen before for this form".
/// </summary>
public sealed class CandidateSetTests
{
    [Fact]
    public void Add_says_new_exactly_once_per_record_and_keeps_every_kind_that_found_it()
    {
        var rng = new Random(5);
        var set = new CandidateSet();
        // Enough distinct records to make the set grow twice; slots from all over a province-sized registry.
        for (var form = 0; form < 3; form++)
        {
            set.Clear();
            var expected = new List<(int Slot, uint Kinds)>();
            var at = new Dictionary<int, int>();
            for (var i = 0; i < 3_000; i++)
            {
                var slot = rng.Next(form == 1 ? 500 : 1_300_000);
                var kind = (BlockingKeyKind)rng.Next(1, 14);
                var isNew = set.Add(slot, kind);
                Assert.Equal(!at.ContainsKey(slot), isNew);
                if (isNew)
                {
                    at[slot] = expected.Count;
                    expected.Add((slot, 1u << (int)kind));
                }
                else expected[at[slot]] = (slot, expected[at[slot]].Kinds | 1u << (int)kind);
            }
            Assert.Equal(expected.Count, set.Count);
            for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], set[i]);
        }
    }

    [Fact]
    public void A_block_run_is_added_as_its_records_one_at_a_time_up_to_the_cap()
    {
        var rng = new Random(11);
        var sketches = new AlignedSketches();
        sketches.Resize(1_000);
        var (byRun, oneByOne) = (new CandidateSet(), new CandidateSet());
        for (var form = 0; form < 200; form++)
        {
            byRun.Clear();
            oneByOne.Clear();
            var cap = rng.Next(2) == 0 ? 200 : 2_000;
            // Runs of repeated and new records (some past the sketches' room), enough to grow the set past its first size.
            for (var block = rng.Next(1, 30); block > 0; block--)
            {
                var run = Enumerable.Range(0, rng.Next(0, 120)).Select(_ => rng.Next(2) == 0 ? rng.Next(400) : rng.Next(1_200)).ToArray();
                var kind = (BlockingKeyKind)rng.Next(1, 14);
                byRun.AddRun(run, kind, cap, sketches);
                foreach (var slot in run)
                {
                    if (oneByOne.Count >= cap) break;
                    oneByOne.Add(slot, kind);
                }
            }
            Assert.Equal(oneByOne.Count, byRun.Count);
            for (var i = 0; i < oneByOne.Count; i++) Assert.Equal(oneByOne[i], byRun[i]);
        }
    }

    [Fact]
    public void Reading_ahead_changes_nothing_it_points_at()
    {
        // Every element of arrays of several element sizes, the last ones included: a prefetch reads no value and
        // writes none (and never faults, so pointing past a line's end is harmless).
        var ints = Enumerable.Range(0, 1_001).ToArray();
        var longs = Enumerable.Range(0, 777).Select(i => (ulong)i * 0x9E3779B97F4A7C15UL).ToArray();
        var (intsBefore, longsBefore) = (ints.ToArray(), longs.ToArray());
        for (var i = 0; i < ints.Length; i++) CacheLineReadAhead.Start(in ints[i]);
        for (var i = 0; i < longs.Length; i++) CacheLineReadAhead.Start(in longs[i]);
        Assert.Equal(intsBefore, ints);
        Assert.Equal(longsBefore, longs);
    }
}
