using System.Text.RegularExpressions;
using CccdRecon.Data.Batches;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// Each chunk's write asks whether any form of the batch is left to match after it (the batch's success). Asked as a
/// bare <c>EXISTS</c>, PostgreSQL planned it as a scan of the forms table in stored order, filtering out every form
/// already matched, so the question cost more with each chunk; asked for the first such form in key order, it walks the
/// forms' key from the cursor.
/// </summary>
public sealed partial class FinishCheckPlanTests
{
    private const int Forms = 3_000;

    [PostgreSqlFact]
    public async Task The_finish_check_walks_the_forms_key_from_the_cursor()
    {
        await using var host = await StoreHost.StartAsync();
        // Starting refreshes the forms' statistics: the planner sees the table as it is.
        var batchId = await StoreData.StartedBatchAsync(host, Forms);

        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        var query = BatchStore.FirstUnmatched(db, batchId, 0);
        // The statement EF Core composes, its parameters put in from its own text: nothing outside the test reaches it.
        var explain = "EXPLAIN " + Executable(query.ToQueryString());
        var plan = string.Join("\n", await db.Database.SqlQueryRaw<string>(explain).ToListAsync());

        Assert.DoesNotContain("Seq Scan on \"BatchForms\"", plan, StringComparison.Ordinal);
        Assert.Contains("Limit", plan, StringComparison.Ordinal);
        Assert.NotNull(await query.FirstOrDefaultAsync());
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
