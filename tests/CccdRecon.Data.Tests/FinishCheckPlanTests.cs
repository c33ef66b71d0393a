using System.Text.RegularExpressions;
using CccdRecon.Data.Batches;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// Each chunk's write asks whether any form of the batch is left to match after it (the batch's success). Asked as a
/// bare <c>EXISTS</c>, PostgreSQL planned it as a scan of the forms table in stored order; asked as one query with
/// <c>NOT EXISTS</c>, its plan hung on the statistics: after an earlier batch had been analysed, PostgreSQL joined every
/// result of the new batch at each chunk (quadratic in the batch). It is now two ranges, each on its own key.
/// </summary>
public sealed partial class FinishCheckPlanTests
{
    private const int Forms = 3_000;

    [PostgreSqlFact]
    public async Task The_finish_check_reads_two_key_ranges_from_the_cursor_and_joins_nothing()
    {
        await using var host = await StoreHost.StartAsync();
        // An earlier batch, then this one; starting refreshes the forms' statistics.
        await StoreData.StartedBatchAsync(host, Forms);
        var batchId = await StoreData.StartedBatchAsync(host, Forms);

        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        foreach (var query in new[]
        {
            BatchStore.FormsAfter(db, batchId, 0, 64).Select(f => f.Id).ToQueryString(),
            BatchStore.ResultsBetween(db, batchId, 1, 64).ToQueryString(),
        })
        {
            // The statement EF Core composes, its parameters put in from its own text: nothing outside the test reaches it.
            var explain = "EXPLAIN " + Executable(query);
            var plan = string.Join("\n", await db.Database.SqlQueryRaw<string>(explain).ToListAsync());

            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Join", plan, StringComparison.Ordinal);
            Assert.Contains("Index", plan, StringComparison.Ordinal);
        }
        var first = await BatchStore.FirstUnmatchedAsync(db, batchId, 0, default);
        Assert.Equal(await db.BatchForms.Where(f => f.BatchId == batchId).MinAsync(f => f.Id), first);
    }

    /// <summary>
    /// The statement of <see cref="EntityFrameworkQueryableExtensions.ToQueryString"/> with its parameters (given in
    /// its leading comments, <c>-- @name='value'</c>) put in as literals, so that it can be explained.
    /// </summary>
    private static string Executable(string text)
    {
        var lines = text.Split('\n');
        var parameters = lines.Select(l => ParameterLine().Match(l)).Where(m => m.Success)
            .Select(m => (Name: m.Groups["name"].Value, Value: m.Groups["value"].Value))
            .OrderByDescending(p => p.Name.Length).ToList();
        var sql = string.Join("\n", lines.Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
        foreach (var (name, value) in parameters)
        {
            sql = sql.Replace("@" + name, $"'{value}'", StringComparison.Ordinal);
        }
        return sql;
    }

    [GeneratedRegex("^-- @(?<name>\\w+)='(?<value>[^']*)'")]
    private static partial Regex ParameterLine();
}
