using System.Data.Common;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The index is loaded from the database a range of keys at a time (<see cref="RegistryStore.RecordsPerLoad"/> rows a
/// query, each through the execution strategy): a single query of the whole table was buffered whole by EF Core on
/// PostgreSQL (its retrying strategy), 600 MB more at restart for 1.3 M records. The range is made small here to read a
/// few records in several.
/// </summary>
public sealed class RegistryLoadTests
{
    private const int RangeSize = 3;

    [Fact]
    public async Task A_restart_reads_the_registry_in_bounded_ranges_loads_every_record_once_and_counts_the_unreadable()
    {
        await using var first = await StoreHost.StartAsync();
        await first.Get<RegistryStore>().ImportAsync(new RegistryImport(), Enumerable.Range(1, 9).Select(StoreData.Record).ToList(), StoreHost.Admin, default);
        await using (var db = await first.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync())
        {
            // A stored row the index cannot read (written before a rule changed), in the middle of a range.
            var row = new RegistryRecordRow { RecordId = "R0005A" };
            row.Update(StoreData.Record(5) with { FullName = "\u0001\u0002" }, first.Time.GetUtcNow(), version: 0);
            db.RegistryRecords.Add(row);
            await db.SaveChangesAsync();
        }

        var reads = new RangeReads();
        await using var restarted = await StoreHost.StartAsync(first.Folder, reads);
        var store = restarted.Get<RegistryStore>();
        store.RecordsPerLoad = RangeSize;
        Assert.Equal(1, await store.LoadIndexAsync(default));

        // 10 rows: ranges of 3, 3, 3 and 1, each a query of its own bounded by the range's size.
        Assert.Equal(4, reads.Count);
        var index = restarted.Get<RegistryIndex>();
        Assert.Equal(9, index.Count);
        Assert.All(Enumerable.Range(1, 9), n => Assert.Equal("Nguyễn Văn Hoà", index.Get(StoreData.Record(n).RecordId)!.FullName));
        Assert.Null(index.Get("R0005A"));
        Assert.Equal(0, await store.RefreshIndexAsync(default));
    }

    [Fact]
    public async Task Records_imported_by_another_instance_while_the_ranges_are_read_are_loaded_by_the_next_refresh()
    {
        await using var first = await StoreHost.StartAsync();
        var other = first.Get<RegistryStore>();
        await other.ImportAsync(new RegistryImport(), Enumerable.Range(1, 9).Select(StoreData.Record).ToList(), StoreHost.Admin, default);

        // Before the third range is read: the other instance corrects a record already read and one not read yet, and
        // adds one whose key falls in a range already read.
        var corrected = "Nguyễn Văn Hòa Bình";
        var reads = new RangeReads(before: 3, () => other.ImportAsync(new RegistryImport(),
            [StoreData.Record(1) with { FullName = corrected }, StoreData.Record(8) with { FullName = corrected }, StoreData.Record(10) with { RecordId = "R0001A" }],
            StoreHost.Admin, default));
        await using var restarted = await StoreHost.StartAsync(first.Folder, reads);
        var store = restarted.Get<RegistryStore>();
        store.RecordsPerLoad = RangeSize;
        await store.LoadIndexAsync(default);
        Assert.True(reads.Acted);

        // The import's version came after the one read before the ranges: the refresh loads all of it.
        Assert.Equal(3, await store.RefreshIndexAsync(default));
        var index = restarted.Get<RegistryIndex>();
        Assert.Equal(10, index.Count);
        Assert.Equal(corrected, index.Get("R0001")!.FullName);
        Assert.Equal(corrected, index.Get("R0008")!.FullName);
        Assert.NotNull(index.Get("R0001A"));
    }

    [Fact]
    public async Task A_refresh_reads_another_instances_imports_in_bounded_ranges_and_loads_each_record()
    {
        await using var first = await StoreHost.StartAsync();
        var reads = new RangeReads();
        await using var second = await StoreHost.StartAsync(first.Folder, reads);
        var store = second.Get<RegistryStore>();
        store.RecordsPerLoad = RangeSize;
        await store.LoadIndexAsync(default);
        var other = first.Get<RegistryStore>();
        // One version of 7 records (more than a range), then two of one record each.
        await other.ImportAsync(new RegistryImport(), Enumerable.Range(1, 7).Select(StoreData.Record).ToList(), StoreHost.Admin, default);
        await other.ImportAsync(new RegistryImport(), [StoreData.Record(8)], StoreHost.Admin, default);
        await other.ImportAsync(new RegistryImport(), [StoreData.Record(9)], StoreHost.Admin, default);
        reads.Clear();

        Assert.Equal(9, await store.RefreshIndexAsync(default));

        // The large version in ranges of 3, 3 and 1; the two small ones together in one.
        Assert.Equal(4, reads.Count);
        Assert.Equal(9, second.Get<RegistryIndex>().Count);
        Assert.Equal(0, await store.RefreshIndexAsync(default));
    }

    /// <summary>
    /// Counts the queries that read registry rows a range at a time (ordered, limited), and runs an action of the test's
    /// just before the one numbered <c>before</c>.
    /// </summary>
    private sealed class RangeReads(int before = 0, Func<Task>? action = null) : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public bool Acted { get; private set; }

        public void Clear() => Interlocked.Exchange(ref _count, 0);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var text = command.CommandText;
            if (text.Contains("FROM \"RegistryRecords\"", StringComparison.Ordinal) && text.Contains("ORDER BY", StringComparison.Ordinal)
                && text.Contains("LIMIT", StringComparison.Ordinal)
                && Interlocked.Increment(ref _count) == before && action is not null)
            {
                await action();
                Acted = true;
            }
            return result;
        }
    }
}
