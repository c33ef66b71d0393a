using System.Text.Json;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// Candidates set aside before their name is compared are kept apart from the sorted list: only the best few join it
/// (<see cref="SetAsideCandidates"/>), the others count in the posterior by their weights alone. That must change no
/// output: the verdict, the record linked, every reported probability and weight, and the candidates the explanation
/// lists — the same, to the bit, as with every candidate sorted into one list.
/// </summary>
public sealed class SetAsideTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(1)]
    [InlineData(2)]
    public void Keeping_set_aside_candidates_apart_changes_no_result(int explained)
    {
        var rng = new Random(2026_12_03 + explained);
        var registry = PruningTests.Registry(rng, 4_000);
        var forms = PruningTests.Forms(rng, registry, 2_000);
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(registry);
        var time = new FakeTimeProvider(RegistryFixture.Now);
        var options = new MatchingOptions { ExplainCandidates = explained };
        var model = ModelTrainer.Train(index, forms, options, time);
        var apart = new Reconciler(index, options, time, model);
        var sorted = new Reconciler(index, options, time, model) { SortEverySetAside = true };
        var exhaustive = new Reconciler(index, options, time, model) { Prune = false };

        var formsWithMoreSetAside = 0;
        apart.TakeCounts();
        foreach (var form in forms)
        {
            var fast = apart.Reconcile(form);
            var counts = apart.TakeCounts();
            if (counts.SetAsideUnnamed > explained) formsWithMoreSetAside++;
            // Every field, every probability and weight to the last bit (JSON writes doubles so that they read back exactly).
            Assert.Equal(JsonSerializer.Serialize(sorted.Reconcile(form)), JsonSerializer.Serialize(fast));
            var full = exhaustive.Reconcile(form);
            Assert.True(fast.Status == full.Status && fast.RecordId == full.RecordId && fast.Flags == full.Flags,
                $"{form.FormId}: apart {fast.Status} {fast.RecordId}, full {full.Status} {full.RecordId}");
        }
        // A real test: many forms set aside more candidates than the explanation lists, so most stayed apart.
        Assert.True(formsWithMoreSetAside >= forms.Count / 10, $"only {formsWithMoreSetAside} of {forms.Count} forms set aside more than {explained}");
    }

    /// <summary>The posterior over a list and the weights kept apart is the one over the whole list, to the last bit, equal weights included.</summary>
    [Fact]
    public void The_posterior_over_the_list_and_the_rest_is_the_whole_lists()
    {
        var rng = new Random(3);
        var order = new BestFirstSort();
        for (var round = 0; round < 500; round++)
        {
            // Few distinct weights, so that equal weights fall on both sides of the split.
            var levels = Enumerable.Range(0, rng.Next(1, 40)).Select(_ => rng.NextDouble() * 120 - 100).ToArray();
            var whole = Enumerable.Range(0, rng.Next(1, 400))
                .Select(k => new Scored(null!, null!, levels[rng.Next(levels.Length)], 0, 0, rng.Next(2) == 0, IdOrder: k)).ToList();
            order.Sort(whole);
            // The rest: pruned candidates not in the list, none above its first.
            var head = new List<Scored>();
            var rest = new List<double>();
            foreach (var s in whole)
            {
                if (s.Pruned && head.Count > 0 && rng.Next(3) > 0) rest.Add(s.Weight);
                else head.Add(s);
            }
            rest.Reverse();
            foreach (var includePruned in (bool[])[true, false])
            {
                var expected = Posterior.Over(whole, includePruned);
                var got = Posterior.Over(head, rest.ToArray(), includePruned);
                foreach (var s in head) Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Of(s.Weight)), BitConverter.DoubleToInt64Bits(got.Of(s.Weight)));
            }
            var wholeAssigned = whole.ToList();
            Posterior.Assign(wholeAssigned);
            var byOrder = wholeAssigned.ToDictionary(s => s.IdOrder, s => s.Probability);
            Posterior.Assign(head, rest.ToArray());
            foreach (var s in head) Assert.Equal(BitConverter.DoubleToInt64Bits(byOrder[s.IdOrder]), BitConverter.DoubleToInt64Bits(s.Probability));
        }
    }

    /// <summary>The best few set aside are those the whole list's sort puts first; the rest's weights are the others', ascending.</summary>
    [Fact]
    public void The_best_set_aside_are_the_whole_sorts_first()
    {
        var rng = new Random(4);
        var order = new BestFirstSort();
        var setAside = new SetAsideCandidates();
        for (var round = 0; round < 500; round++)
        {
            setAside.Clear();
            var levels = Enumerable.Range(0, rng.Next(1, 20)).Select(_ => rng.NextDouble() * 60 - 50).ToArray();
            // Half the candidates' places in id order unknown (-1): those are ordered by their records' ids.
            var records = new List<IndexedRecord>();
            var items = Enumerable.Range(0, rng.Next(0, 300)).Select(k =>
            {
                var known = rng.Next(2) == 0;
                records.Add(new IndexedRecord(new RegistryRecord { RecordId = $"R{k + (known ? 0 : 1_000):D5}", FullName = "", DateOfBirth = "" }, null!));
                return new Scored(records[k], null!, levels[rng.Next(levels.Length)], 0, (uint)k, Pruned: true, IdOrder: known ? k : -1);
            }).ToList();
            foreach (var s in items) setAside.Add(new SetAsideCandidate((int)s.Kinds, s.Kinds, s.Weight, s.IdOrder), 0);
            var restore = new ListRestore(records, items);
            var count = rng.Next(1, 8);
            var kept = new List<Scored>();
            setAside.KeepBest(kept, count, restore);
            var whole = items.ToList();
            order.Sort(whole);
            // Which, not in what order: the list is sorted after.
            order.Sort(kept);
            Assert.Equal(whole.Take(count).Select(s => s.Kinds), kept.Select(s => s.Kinds));
            Assert.Equal(whole.Skip(count).Select(s => s.Weight).Reverse(), setAside.Rest.ToArray());
            setAside.KeepAll(kept, restore);
            order.Sort(kept);
            Assert.Equal(whole.Select(s => s.Kinds), kept.Select(s => s.Kinds));
            Assert.True(setAside.Rest.IsEmpty);
        }
    }

    /// <summary>Restores a candidate set aside from the list it was made from (its slot is its place there).</summary>
    private sealed class ListRestore(List<IndexedRecord> records, List<Scored> items) : ISetAsideRestore
    {
        public IndexedRecord RecordAt(int slot) => records[slot];

        public Scored Restore(in SetAsideCandidate candidate) => items[candidate.Slot];
    }
}
