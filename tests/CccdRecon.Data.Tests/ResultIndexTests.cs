using CccdRecon.Core.Matching;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Entities;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The result tables carry only the indexes a query reads (issue 13: writing the indexes was most of a chunk write's
/// database work). A batch's results are paged in form order through the (batch, form row) index, which also keeps a
/// form from being counted twice, and by status through (batch, status, form row); no (batch, form_id) index is kept
/// on the results or the cases. On both databases, migrated from the first migration as an existing one is.
/// </summary>
public sealed class ResultIndexTests
{
    private const int Forms = 3_000;
    private const string FormRowIndex = "IX_BatchResults_BatchId_FormRowId";
    private const string StatusIndex = "IX_BatchResults_BatchId_Status_FormRowId";

    [Fact]
    public async Task Results_are_paged_and_checked_through_the_form_row_index_and_no_form_id_index_is_kept()
    {
        await using var host = await StoreHost.StartAsync();
        var batchId = await BatchWithResultsAsync(host);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();

        var page = db.BatchResults.AsNoTracking().Where(r => r.BatchId == batchId && r.FormRowId > Forms / 2)
            .OrderBy(r => r.FormRowId).Select(r => r.FormId).Take(100);
        var byStatus = BatchStore.ResultsOf(db, batchId, MatchStatus.Review).Where(r => r.FormRowId > 0)
            .OrderBy(r => r.FormRowId).Select(r => r.FormId).Take(100);
        Assert.Contains(FormRowIndex, await PlanAsync(db, page), StringComparison.Ordinal);
        Assert.Contains(StatusIndex, await PlanAsync(db, byStatus), StringComparison.Ordinal);
        Assert.Equal(100, (await page.ToListAsync()).Count);

        var indexes = await IndexNamesAsync(db);
        Assert.Contains(FormRowIndex, indexes);
        Assert.DoesNotContain("IX_BatchResults_BatchId_FormId", indexes);
        Assert.DoesNotContain("IX_ReviewCases_BatchId_FormId", indexes);
    }

    /// <summary>
    /// The status index holds only the results that are not clean (70 % of a batch is clean; issue 13): a listing of a
    /// rarer status, as the store sends it (status bound as a parameter), still reads its own range of that index, and
    /// the clean listing reads the (batch, form row) index. Its entries are the batch's not-clean results only.
    /// </summary>
    [Fact]
    public async Task The_status_index_holds_the_results_that_are_not_clean_and_still_serves_their_listings()
    {
        await using var host = await StoreHost.StartAsync();
        var batchId = await BatchWithResultsAsync(host);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();

        var wanted = MatchStatus.Review;
        var after = Forms / 2L;
        var review = BatchStore.ResultsOf(db, batchId, wanted).Where(r => r.FormRowId > after).OrderBy(r => r.FormRowId).Take(100);
        var clean = BatchStore.ResultsOf(db, batchId, MatchStatus.Clean).Where(r => r.FormRowId > after).OrderBy(r => r.FormRowId).Take(100);
        Assert.Contains(StatusIndex, await PlanAsync(db, review), StringComparison.Ordinal);
        Assert.Contains(FormRowIndex, await PlanAsync(db, clean), StringComparison.Ordinal);
        Assert.All(await review.ToListAsync(), r => Assert.Equal(MatchStatus.Review, r.Status));
        Assert.All(await clean.ToListAsync(), r => Assert.Equal(MatchStatus.Clean, r.Status));
        Assert.Equal(100, (await review.ToListAsync()).Count);

        // The index is defined with its filter, as the migration created it (not every result of the batch).
        var definition = TestDatabase.IsPostgreSql
            ? await db.Database.SqlQueryRaw<string>("SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname = {0}", StatusIndex).SingleAsync()
            : await db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE name = {0}", StatusIndex).SingleAsync();
        Assert.Matches(@"WHERE \(*""Status"" <> 0\)*$", definition);
    }

    [Fact]
    public async Task A_second_result_for_a_form_row_of_the_batch_is_refused()
    {
        await using var host = await StoreHost.StartAsync();
        var batchId = await BatchWithResultsAsync(host);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();

        // Another row for form row 1, as a replayed chunk would write it (its id is free, its form row is not).
        db.BatchResults.Add(new BatchResultRow { Id = Forms + 1, BatchId = batchId, FormId = "F1", FormRowId = 1, Status = MatchStatus.Clean });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(Errors.DatabaseErrors.IsUniqueViolation(refused));
        await using var check = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await check.BatchResults.CountAsync(r => r.BatchId == batchId && r.FormRowId == 1));
    }

    [Fact]
    public async Task The_forms_and_results_check_no_key_against_the_batches_and_the_writes_still_need_their_batch()
    {
        await using var host = await StoreHost.StartAsync();
        var batchId = await BatchWithResultsAsync(host);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();

        // Checked per row inside the bulk writes, these keys were a query per form and per result (issue 13).
        var keys = await ForeignKeysAsync(db);
        Assert.DoesNotContain("BatchForms -> Batches", keys);
        Assert.DoesNotContain("BatchResults -> Batches", keys);
        Assert.Contains("Discrepancies -> BatchResults", keys);
        Assert.Contains("ReviewCases -> BatchResults", keys);
        Assert.Contains("CaseTallies -> Batches", keys);

        // What guards them now: a write finds its batch's row or writes nothing.
        var store = host.Get<BatchStore>();
        await Assert.ThrowsAsync<Errors.NotFoundException>(() => store.AddFormsAsync(new Batches.FormUpload(), "no-such-batch",
            [StoreData.FormFor(StoreData.Record(1), "F-none")], StoreHost.Admin, default));
        Assert.Equal(0, await db.BatchForms.CountAsync(f => f.BatchId == "no-such-batch"));
    }

    /// <summary>The tables' foreign keys as "table -> referenced table".</summary>
    private static async Task<List<string>> ForeignKeysAsync(ReconDbContext db) => TestDatabase.IsPostgreSql
        ? await db.Database.SqlQueryRaw<string>(
            "SELECT c.conrelid::regclass::text || ' -> ' || c.confrelid::regclass::text AS \"Value\" FROM pg_constraint c WHERE c.contype = 'f'")
            .Select(k => k.Replace("\"", "")).ToListAsync()
        : await db.Database.SqlQueryRaw<string>(
            "SELECT m.name || ' -> ' || k.\"table\" AS \"Value\" FROM sqlite_master m, pragma_foreign_key_list(m.name) k WHERE m.type = 'table'").ToListAsync();

    /// <summary>A batch of <see cref="Forms"/> forms, each with a result (its id the form row's, as the chunk writer's), statistics refreshed.</summary>
    private static async Task<string> BatchWithResultsAsync(StoreHost host)
    {
        var batchId = await StoreData.StartedBatchAsync(host, Forms);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        var rows = await db.BatchForms.AsNoTracking().Where(f => f.BatchId == batchId).OrderBy(f => f.Id).Select(f => new { f.Id, f.FormId }).ToListAsync();
        db.BatchResults.AddRange(rows.Select((f, i) => new BatchResultRow
        {
            Id = f.Id, BatchId = batchId, FormId = f.FormId, FormRowId = f.Id,
            Status = i % 4 == 0 ? MatchStatus.Review : MatchStatus.Clean,
        }));
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return batchId;
    }

    /// <summary>The plan of the very command EF Core sends (its parameters bound), as the database explains it.</summary>
    internal static async Task<string> PlanAsync<T>(ReconDbContext db, IQueryable<T> query)
    {
        await db.Database.OpenConnectionAsync();
        await using var explain = query.CreateDbCommand();
        explain.CommandText = (TestDatabase.IsPostgreSql ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + explain.CommandText;
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // PostgreSQL: one column of plan text; SQLite: (id, parent, notused, detail).
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }
        return string.Join("\n", lines);
    }

    private static async Task<List<string>> IndexNamesAsync(ReconDbContext db) => TestDatabase.IsPostgreSql
        ? await db.Database.SqlQueryRaw<string>("SELECT indexname AS \"Value\" FROM pg_indexes WHERE schemaname = 'public'").ToListAsync()
        : await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index'").ToListAsync();
}
