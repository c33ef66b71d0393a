using CccdRecon.Data.Bulk;
using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// Where chunks are written several at once (PostgreSQL) a chunk's review case and clean record ids are taken as it is
/// prepared (<see cref="BulkWriter.ReserveIdsAsync"/>), a block of ids per <c>nextval</c> (one per id cost ≈ 1 s of
/// PostgreSQL's CPU at 400,000 forms): consecutive within a block, ascending in the order they were taken, and never
/// shared between two sessions (two chunk writes, two server instances).
/// </summary>
public sealed class IdBlockTests
{
    private const long Block = 1024;

    [Fact]
    public async Task Ids_are_taken_a_block_at_a_time_in_order_and_no_two_sessions_share_one()
    {
        await using var host = await StoreHost.StartAsync();
        var factory = host.Get<IDbContextFactory<ReconDbContext>>();
        await using var one = await factory.CreateDbContextAsync();
        await using var other = await factory.CreateDbContextAsync();
        var bulk = BulkWriter.For(one.Database);
        if (bulk.ChunkWritesAtOnce == 1)
        {
            // One chunk written at a time: the database numbers the rows as they are inserted, nothing is taken before.
            Assert.Null(await bulk.ReserveIdsAsync(one, one.Table<ReviewCaseRow>(withGeneratedKey: true), 3, default));
            return;
        }
        foreach (var table in new Func<ReconDbContext, Task<long[]?>>[] { Cases, Cleans })
        {
            var first = Assert.IsType<long[]>(await table(one));
            var second = Assert.IsType<long[]>(await table(other));
            var third = Assert.IsType<long[]>(await table(one));

            Assert.Equal(3, first.Length);
            Assert.Equal(Enumerable.Range(0, 3).Select(i => first[0] + i), first);
            // The other session's ids start at the next block: one nextval each block, none of them the first's.
            Assert.Equal(first[0] + Block, second[0]);
            Assert.Equal(Enumerable.Range(0, 3).Select(i => second[0] + i), second);
            Assert.Equal(second[0] + Block, third[0]);
        }

        async Task<long[]?> Cases(ReconDbContext db) => await bulk.ReserveIdsAsync(db, db.Table<ReviewCaseRow>(withGeneratedKey: true), 3, default);
        async Task<long[]?> Cleans(ReconDbContext db) => await bulk.ReserveIdsAsync(db, db.Table<CleanRecordRow>(withGeneratedKey: true), 3, default);
    }

    [Fact]
    public async Task A_count_larger_than_a_block_takes_several_blocks_in_order()
    {
        await using var host = await StoreHost.StartAsync();
        var factory = host.Get<IDbContextFactory<ReconDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var bulk = BulkWriter.For(db.Database);
        var table = db.Table<ReviewCaseRow>(withGeneratedKey: true);
        if (await bulk.ReserveIdsAsync(db, table, (int)Block * 2 + 5, default) is not { } ids)
        {
            return; // The database numbers the rows as they are inserted (SQLite).
        }
        Assert.Equal(Block * 2 + 5, ids.Length);
        // Three blocks, each consecutive, the next one's first id after the last's.
        Assert.Equal(Enumerable.Range(0, ids.Length).Select(i => ids[0] + i), ids);
        var next = Assert.IsType<long[]>(await bulk.ReserveIdsAsync(db, table, 1, default));
        Assert.Equal(ids[0] + Block * 3, next[0]);
    }
}
