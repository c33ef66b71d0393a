using CccdRecon.Core.Matching;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// Candidates of equal weight are listed in ordinal order of their record ids, whatever order the registry was loaded
/// in: the index orders them by slot only while the slots are in id order (<see cref="RegistryIndex.IdOrderOf"/>), and
/// by the ids themselves otherwise.
/// </summary>
public sealed class TieOrderTests
{
    /// <summary>Namesakes born the same day with nothing else to tell them apart: every one scores alike.</summary>
    private static List<RegistryRecord> Namesakes() =>
        ((string[])["HT-10", "HT-100", "HT-11", "HT-2", "HT-20", "HT-9", "HT-90", "ht-1", "HT-1", "HT-01", "HT-3", "HT-30"])
        .Select(id => new RegistryRecord
        {
            RecordId = id, FullName = "Nguyễn Văn An", DateOfBirth = "1980-05-06", Gender = "male", BirthPlace = "Hà Nội",
        }).ToList();

    private static IReadOnlyList<string> Listed(IEnumerable<RegistryRecord> loadOrder, params RegistryRecord[] upsertedAfter)
    {
        var time = new FakeTimeProvider(RegistryFixture.Now);
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(loadOrder.ToList());
        foreach (var record in upsertedAfter) Assert.True(index.Upsert(record, out _));
        var reconciler = new Reconciler(index, new MatchingOptions { ExplainCandidates = 100 }, time);
        var result = reconciler.Reconcile(new SurveyForm
        {
            FormId = "F1", FullName = "Nguyễn Văn An", DateOfBirth = "06/05/1980", Gender = "Nam", BirthPlace = "Hà Nội",
        });
        var weights = result.Explanation.Candidates.Select(c => c.Weight).Distinct().ToList();
        Assert.Single(weights);
        return result.Explanation.Candidates.Select(c => c.RecordId).ToList();
    }

    [Fact]
    public void Equal_candidates_are_listed_by_record_id_whatever_the_load_order()
    {
        var records = Namesakes();
        var expected = records.Select(r => r.RecordId).Order(StringComparer.Ordinal).ToList();
        var inIdOrder = records.OrderBy(r => r.RecordId, StringComparer.Ordinal).ToList();

        Assert.Equal(expected, Listed(inIdOrder));
        Assert.Equal(expected, Listed(records));
        Assert.Equal(expected, Listed(Enumerable.Reverse(inIdOrder)));
        // In id order up to a point, then not: the known places and the ids themselves must agree across that point.
        Assert.Equal(expected, Listed(inIdOrder.Take(6).Concat(Enumerable.Reverse(inIdOrder.Skip(6)))));
        // Records added one at a time after a load in id order, some before the loaded ones in id order.
        Assert.Equal(expected, Listed(inIdOrder.Where((_, i) => i % 2 == 0), [.. inIdOrder.Where((_, i) => i % 2 == 1)]));
    }

    [Fact]
    public void The_index_knows_the_id_order_of_slots_only_while_ids_ascend()
    {
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        var records = Namesakes().OrderBy(r => r.RecordId, StringComparer.Ordinal).ToList();
        index.AddRange(records.Take(4).ToList());
        index.AddRange([records[2] with { FullName = "Nguyễn Văn Ân" }]); // a replacement keeps its slot and its place
        index.AddRange(records.Skip(5).ToList());
        index.AddRange([records[4]]); // out of order from here on
        using (index.Read())
        {
            Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], Enumerable.Range(0, 11).Select(index.IdOrderOf));
            Assert.Equal(-1, index.IdOrderOf(11));
        }
    }
}
