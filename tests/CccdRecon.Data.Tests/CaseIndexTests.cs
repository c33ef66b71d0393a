using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The cases carry only the indexes a listing reads (issue 13: a batch writes a case for about one form in four, and
/// each index was one more entry per case). No index is led by the state alone (every unit's queue is read unit by
/// unit, <see cref="QueuePlanTests"/>), and the claims index holds only claimed cases, yet live claims are still found
/// through it. On both databases, migrated from the first migration as an existing one is.
/// </summary>
public sealed class CaseIndexTests
{
    private const int Cases = 2_000;
    private const int Claimed = 3;
    private const string ClaimIndex = "IX_ReviewCases_ClaimedAt";

    private static readonly string[] Expected =
    [
        "IX_ReviewCases_BatchId_CommuneKey_Commune_Kind",
        "IX_ReviewCases_BatchId_State_Id",
        "IX_ReviewCases_BatchId_State_SortKey_Id",
        ClaimIndex,
        "IX_ReviewCases_ResultId",
        "IX_ReviewCases_Unit_State_Id",
        "IX_ReviewCases_Unit_State_SortKey_Id",
    ];

    [Fact]
    public async Task The_cases_keep_seven_indexes_besides_the_key_and_the_claims_index_holds_only_claimed_cases()
    {
        await using var host = await StoreHost.StartAsync();
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();

        var indexes = await IndexesAsync(db);
        Assert.Equal(Expected, indexes.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("WHERE", indexes[ClaimIndex], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ClaimedAt", indexes[ClaimIndex][indexes[ClaimIndex].IndexOf("WHERE", StringComparison.OrdinalIgnoreCase)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_claims_are_found_through_the_claims_index()
    {
        await using var host = await StoreHost.StartAsync();
        var now = host.Time.GetUtcNow();
        await CasesAsync(host, now);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();

        // The store's and the dashboard's shape of a live claim: claimed after the timeout's cutoff, by someone.
        var cutoff = now - TimeSpan.FromMinutes(30);
        var live = db.ReviewCases.AsNoTracking().Where(c => c.ClaimedAt > cutoff && c.ClaimedBy != null).Select(c => c.Id);
        Assert.Contains(ClaimIndex, await ResultIndexTests.PlanAsync(db, live), StringComparison.Ordinal);
        Assert.Equal(Claimed, await live.CountAsync());
    }

    /// <summary><see cref="Cases"/> open cases of one batch, the first <see cref="Claimed"/> claimed now, statistics refreshed.</summary>
    private static async Task CasesAsync(StoreHost host, DateTimeOffset now)
    {
        var batchId = await StoreData.StartedBatchAsync(host, Cases);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        var forms = await db.BatchForms.AsNoTracking().Where(f => f.BatchId == batchId).OrderBy(f => f.Id).Select(f => new { f.Id, f.FormId }).ToListAsync();
        db.BatchResults.AddRange(forms.Select(f => new BatchResultRow { Id = f.Id, BatchId = batchId, FormId = f.FormId, FormRowId = f.Id, Status = MatchStatus.Review }));
        db.ReviewCases.AddRange(forms.Select((f, i) => new ReviewCaseRow
        {
            ResultId = f.Id, BatchId = batchId, FormId = f.FormId, Kind = CaseKind.Differences, Unit = StoreData.Unit,
            State = ReviewCaseState.Open, SortKey = "A", Flags = "", CreatedAt = now,
            ClaimedBy = i < Claimed ? "reviewer.test" : null, ClaimedAt = i < Claimed ? now : null,
        }));
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    /// <summary>The cases' indexes (the key's aside) by name, each with its definition.</summary>
    private static async Task<Dictionary<string, string>> IndexesAsync(ReconDbContext db)
    {
        var rows = TestDatabase.IsPostgreSql
            ? await db.Database.SqlQueryRaw<IndexRow>(
                "SELECT indexname AS \"Name\", indexdef AS \"Definition\" FROM pg_indexes WHERE tablename = 'ReviewCases' AND indexname <> 'PK_ReviewCases'").ToListAsync()
            : await db.Database.SqlQueryRaw<IndexRow>(
                "SELECT name AS \"Name\", coalesce(sql, '') AS \"Definition\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ReviewCases'").ToListAsync();
        return rows.ToDictionary(r => r.Name, r => r.Definition);
    }

    private sealed record IndexRow(string Name, string Definition);
}
