using CccdRecon.Data.Batches;
using CccdRecon.Data.Bulk;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Review;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// A chunk adds to its batch's case tallies in one statement (<see cref="BulkWriter.AddCountsAsync"/>): counters that
/// exist grow by the chunk's cases, missing ones are created, and a counter created at zero leaves a stored one as it is.
/// </summary>
public sealed class BulkCountsTests
{
    [Fact]
    public async Task A_chunk_adds_to_the_tallies_it_finds_and_creates_the_others()
    {
        await using var host = await StoreHost.StartAsync();
        var batch = await host.Get<BatchStore>().CreateAsync(new NewBatch("forms.csv", "", StoreData.Unit), StoreHost.Admin, default);
        var factory = host.Get<IDbContextFactory<ReconDbContext>>();
        var cases = new TallyKey(batch.Id, CaseKind.Differences, ReviewCaseState.Open, "", "");
        var names = cases with { Field = "full_name", DiffKind = "typo" };
        var resolved = cases with { State = ReviewCaseState.Resolved };
        await AddAsync([(cases, 5), (resolved, 2)], []);

        await AddAsync([(cases, 3), (names, 4)], [resolved, names with { State = ReviewCaseState.Resolved }]);

        await using var db = await factory.CreateDbContextAsync();
        var counts = (await db.CaseTallies.AsNoTracking().Where(t => t.BatchId == batch.Id).ToListAsync())
            .ToDictionary(t => new TallyKey(t.BatchId, t.Kind, t.State, t.Field, t.DiffKind), t => t.Count);
        Assert.Equal(8, counts[cases]);
        Assert.Equal(4, counts[names]);
        Assert.Equal(2, counts[resolved]);
        Assert.Equal(0, counts[names with { State = ReviewCaseState.Resolved }]);
        Assert.Equal(4, counts.Count);

        async Task AddAsync((TallyKey Key, long Delta)[] deltas, TallyKey[] alsoCreate)
        {
            var tallies = new CaseTallies();
            foreach (var (key, delta) in deltas)
            {
                tallies.Add([key], delta);
            }
            await using var db = await factory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await tallies.AddInBulkAsync(db, alsoCreate, default);
            await transaction.CommitAsync();
        }
    }
}
