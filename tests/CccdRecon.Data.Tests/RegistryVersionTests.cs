using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Registry;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// Two instances on one database keep one registry: each loads the records the other imported (and only those), and
/// never takes an older copy of a record over a newer one.
/// </summary>
public sealed class RegistryVersionTests
{
    [Fact]
    public async Task Each_instance_loads_what_the_other_imported_and_the_newest_copy_wins()
    {
        await using var first = await StoreHost.StartAsync();
        await using var second = await StoreHost.StartAsync(first.Folder);
        await second.Get<RegistryStore>().LoadIndexAsync(default);
        var (a, b) = (first.Get<RegistryStore>(), second.Get<RegistryStore>());

        await a.ImportAsync(new RegistryImport(), [StoreData.Record(1), StoreData.Record(2)], StoreHost.Admin, default);
        Assert.Null(second.Get<RegistryIndex>().Get("R0001"));

        Assert.Equal(2, await b.RefreshIndexAsync(default));
        Assert.Equal("Nguyễn Văn Hoà", second.Get<RegistryIndex>().Get("R0001")!.FullName);
        Assert.Equal(0, await b.RefreshIndexAsync(default));

        // B corrects record 1; A then loads B's version, and only it (A's own import is not loaded again).
        var corrected = StoreData.Record(1) with { FullName = "Nguyễn Văn Hòa Bình" };
        await b.ImportAsync(new RegistryImport(), [corrected], StoreHost.Admin, default);
        Assert.Equal(1, await a.RefreshIndexAsync(default));
        Assert.Equal("Nguyễn Văn Hòa Bình", first.Get<RegistryIndex>().Get("R0001")!.FullName);
        Assert.Equal("Nguyễn Văn Hòa Bình", second.Get<RegistryIndex>().Get("R0001")!.FullName);
    }

    [Fact]
    public async Task A_restarted_instance_loads_every_stored_record_and_counts_imports_against_the_database()
    {
        await using var first = await StoreHost.StartAsync();
        var import = new RegistryImport();
        await first.Get<RegistryStore>().ImportAsync(import, [StoreData.Record(1), StoreData.Record(2), StoreData.Record(1) with { FullName = "Nguyễn Hoà" }], StoreHost.Admin, default);
        Assert.Equal((2L, 0L), (import.Imported, import.Updated));
        var again = new RegistryImport();
        await first.Get<RegistryStore>().ImportAsync(again, [StoreData.Record(2), StoreData.Record(3)], StoreHost.Admin, default);
        Assert.Equal((1L, 1L), (again.Imported, again.Updated));

        await using var restarted = await StoreHost.StartAsync(first.Folder);
        Assert.Equal(0, await restarted.Get<RegistryStore>().LoadIndexAsync(default));

        Assert.Equal(3, restarted.Get<RegistryIndex>().Count);
        Assert.Equal("Nguyễn Hoà", restarted.Get<RegistryIndex>().Get("R0001")!.FullName);
        Assert.Equal(0, await restarted.Get<RegistryStore>().RefreshIndexAsync(default));
    }

    [Fact]
    public async Task An_instance_that_has_not_loaded_another_instances_import_counts_those_records_as_updates()
    {
        await using var first = await StoreHost.StartAsync();
        await using var second = await StoreHost.StartAsync(first.Folder);
        await second.Get<RegistryStore>().LoadIndexAsync(default);
        await first.Get<RegistryStore>().ImportAsync(new RegistryImport(), [StoreData.Record(1), StoreData.Record(2)], StoreHost.Admin, default);

        // The second instance's index knows neither record: it holds a version less than the database, so it asks.
        var import = new RegistryImport();
        await second.Get<RegistryStore>().ImportAsync(import, [StoreData.Record(2), StoreData.Record(3)], StoreHost.Admin, default);
        Assert.Equal((1L, 1L), (import.Imported, import.Updated));
        Assert.Equal(0, import.Rejected);
    }

    [Fact]
    public async Task A_stored_record_the_index_refused_at_start_is_updated_by_an_import_not_inserted_again()
    {
        await using var first = await StoreHost.StartAsync();
        await using (var db = await first.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync())
        {
            // A row stored with a name the index cannot read (written before a rule changed): the database holds it, the index does not.
            var row = new RegistryRecordRow { RecordId = "R0001" };
            row.Update(StoreData.Record(1) with { FullName = "\u0001\u0002" }, first.Time.GetUtcNow(), version: 0);
            db.RegistryRecords.Add(row);
            await db.SaveChangesAsync();
        }
        await using var restarted = await StoreHost.StartAsync(first.Folder);
        Assert.Equal(1, await restarted.Get<RegistryStore>().LoadIndexAsync(default));
        Assert.Null(restarted.Get<RegistryIndex>().Get("R0001"));

        var import = new RegistryImport();
        await restarted.Get<RegistryStore>().ImportAsync(import, [StoreData.Record(1), StoreData.Record(2)], StoreHost.Admin, default);
        Assert.Equal((1L, 1L), (import.Imported, import.Updated));
        Assert.Equal("Nguyễn Văn Hoà", restarted.Get<RegistryIndex>().Get("R0001")!.FullName);
    }
}
