using CccdRecon.Core.Matching;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Registry;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// PostgreSQL plans a keyset page by its statistics of the table. A batch fills its tables faster than autovacuum looks
/// at them, and with an empty table's statistics every page of the download was planned as a scan of all the rows after
/// the cursor (a 400,000-form batch: 40 s to download, 30 of them PostgreSQL's CPU). So a batch refreshes them: the
/// forms' when it starts (matching reads them page by page), the results' with its last chunk (before the download).
/// </summary>
public sealed class PlannerStatisticsTests
{
    [PostgreSqlFact]
    public async Task A_batch_leaves_its_tables_planned_on_the_rows_it_wrote()
    {
        const int Forms = 5;
        await using var host = await StoreHost.StartAsync();
        var records = Enumerable.Range(1, Forms).Select(StoreData.Record).ToList();
        await host.Get<RegistryStore>().ImportAsync(new RegistryImport(), records, StoreHost.Admin, default);
        var store = host.Get<BatchStore>();
        var batch = await store.CreateAsync(new NewBatch("forms.csv", "", StoreData.Unit), StoreHost.Admin, default);
        await store.AddFormsAsync(new FormUpload(), batch.Id, records.Select((r, i) => StoreData.FormFor(r, $"F{i}")).ToList(), StoreHost.Admin, default);
        Assert.True(await RowsPlannedAsync(host, "BatchForms") < 0, "a table filled and never analyzed reads as never counted");

        await store.StartAsync(batch.Id, StoreHost.Admin, default);
        Assert.Equal(Forms, await RowsPlannedAsync(host, "BatchForms"));

        var worker = new BatchWorker("instance-a", TimeSpan.FromSeconds(30));
        var leased = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(worker, default));
        var first = await store.PendingFormsAsync(batch.Id, leased.ProcessedThrough, 2, default);
        Assert.False((await store.WriteChunkAsync(batch.Id, worker, leased.ProcessedThrough, first, Match(first), default)).Finished);
        Assert.True(await RowsPlannedAsync(host, "BatchResults") < 0, "statistics are refreshed once, with the last chunk");
        var rest = await store.PendingFormsAsync(batch.Id, first[^1].Position, Forms, default);
        Assert.True((await store.WriteChunkAsync(batch.Id, worker, first[^1].Position, rest, Match(rest), default)).Finished);
        Assert.Equal(Forms, await RowsPlannedAsync(host, "BatchResults"));

        List<Reconciliation> Match(IReadOnlyList<PendingForm> forms) => forms.Select(f => host.Get<Reconciler>().Reconcile(f.Form)).ToList();
    }

    /// <summary>The planner's row count of a table (<c>pg_class.reltuples</c>): −1 until it is first analyzed.</summary>
    private static async Task<double> RowsPlannedAsync(StoreHost host, string table)
    {
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        return await db.Database.SqlQuery<double>($"SELECT reltuples::float8 AS \"Value\" FROM pg_class WHERE relname = {table}").SingleAsync();
    }
}
