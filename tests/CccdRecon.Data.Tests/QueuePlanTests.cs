using System.Data.Common;
using System.Diagnostics;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Access;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Paging;
using CccdRecon.Data.Review;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CccdRecon.Data.Tests;

/// <summary>
/// Every queue listing reads its page from an index that gives its order: by unit, by batch or every unit, by name or in
/// creation order, the first page and a keyset page, and "next case". No listing sorts a unit's or a batch's cases to
/// find a page (SQLite: no temporary B-tree for the ORDER BY; PostgreSQL: no Sort node, no scan of the table). The
/// statements checked are the very ones the store sends (caught as EF Core executes them), explained with their
/// parameters, on a queue large enough that the planner would rather sort than walk a wrong index.
/// </summary>
public sealed class QueuePlanTests
{
    private const int Cases = 36_000;
    private const int PageSize = 50;
    private static readonly string[] Units = [.. Enumerable.Range(1, 12).Select(i => $"{i:D2}")];
    private static readonly string[] Batches = [.. Enumerable.Range(1, 24).Select(i => $"B{i:D2}")];

    private const string ByUnitName = "IX_ReviewCases_Unit_State_SortKey_Id";
    private const string ByBatchName = "IX_ReviewCases_BatchId_State_SortKey_Id";
    private const string ByUnitCreated = "IX_ReviewCases_Unit_State_Id";

    [Fact]
    public async Task Every_queue_listing_and_next_case_reads_its_order_from_an_index()
    {
        await using var host = await StoreHost.StartAsync();
        using var sent = await SentCommands.StartAsync(host);
        await QueueAsync(host);
        var problems = await ProblemsAsync(host, sent);
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public async Task Without_the_by_name_unit_and_batch_indexes_the_check_finds_listings_that_do_not_use_them()
    {
        await using var host = await StoreHost.StartAsync();
        using var sent = await SentCommands.StartAsync(host);
        await QueueAsync(host);
        await using (var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{ByUnitName}\"");
            await db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{ByBatchName}\"");
        }
        var problems = await ProblemsAsync(host, sent);
        Assert.Contains(problems, p => p.StartsWith("unit by name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("batch by name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reviewer_of_two_units_pages_through_both_in_name_order_and_next_case_is_the_first_of_both()
    {
        await using var host = await StoreHost.StartAsync();
        await QueueAsync(host);
        var store = host.Get<ReviewStore>();
        var reviewer = StoreHost.Reviewer("reviewer.two", Units[1], Units[2]);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        var expected = (await db.ReviewCases.AsNoTracking().Where(c => c.Unit == Units[1] || c.Unit == Units[2])
                .Select(c => new { c.Id, c.SortKey, c.State }).ToListAsync())
            .OrderBy(c => c.SortKey, StringComparer.Ordinal).ThenBy(c => c.Id).ToList();

        var listed = new List<long>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(new CaseQuery(null, null, null, null, new PageRequest(PageSize * 4, token)) { Order = CaseOrder.Name }, reviewer, default);
            listed.AddRange(page.Items.Select(c => c.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(expected.Select(c => c.Id), listed);
        var open = expected.Where(c => c.State == ReviewCaseState.Open).Select(c => c.Id).ToList();
        Assert.Equal(open[0], await store.NextAsync(new CaseQuery(null, null, null, null, new PageRequest(0, null)), null, reviewer, default));
        Assert.Equal(open[1], await store.NextAsync(new CaseQuery(null, null, null, null, new PageRequest(0, null)),
            open[0].ToString(System.Globalization.CultureInfo.InvariantCulture), reviewer, default));
    }

    /// <summary>What is wrong with each listing's plans: one entry per statement that sorts or misses its index.</summary>
    private static async Task<List<string>> ProblemsAsync(StoreHost host, SentCommands sent)
    {
        var store = host.Get<ReviewStore>();
        var problems = new List<string>();
        var reviewer = StoreHost.Reviewer("reviewer.test", Units[1]);
        var twoUnits = StoreHost.Reviewer("reviewer.two", Units[1], Units[2]);
        CaseQuery Query(CaseOrder order, string? unit = null, string? batch = null) =>
            new(batch, null, null, null, new PageRequest(PageSize, null)) { Unit = unit, Order = order };

        var shapes = new (string Name, CaseQuery Query, Caller Caller, string? Index)[]
        {
            ("unit by name", Query(CaseOrder.Name, unit: Units[0]), StoreHost.Admin, ByUnitName),
            ("batch by name", Query(CaseOrder.Name, batch: Batches[2]), StoreHost.Admin, ByBatchName),
            // Every unit: each unit's range, merged (no index is led by the state alone).
            ("all units by name", Query(CaseOrder.Name), StoreHost.Admin, ByUnitName),
            ("reviewer's unit by name", Query(CaseOrder.Name, unit: Units[1]), reviewer, ByUnitName),
            ("reviewer's units by name", Query(CaseOrder.Name), twoUnits, ByUnitName),
            ("reviewer's units by creation", Query(CaseOrder.Created), twoUnits, null),
            // In creation order a unit's or a batch's range, or the cases' key read in order and filtered: either gives the order.
            ("unit by creation", Query(CaseOrder.Created, unit: Units[0]), StoreHost.Admin, null),
            ("batch by creation", Query(CaseOrder.Created, batch: Batches[2]), StoreHost.Admin, null),
            // Each unit's range in creation order; PostgreSQL may rather read the key in order for a unit as large as
            // these (a twelfth of the cases), which gives the order as well.
            ("all units by creation", Query(CaseOrder.Created), StoreHost.Admin, TestDatabase.IsPostgreSql ? null : ByUnitCreated),
            ("unit to do by name", Query(CaseOrder.Name, unit: Units[0]) with { ToDo = true }, StoreHost.Admin, ByUnitName),
        };
        foreach (var (name, query, caller, index) in shapes)
        {
            // The first page, then the page its token points to (the keyset step).
            var first = await CheckAsync(host, sent, name + ", first page", index, problems, () => store.ListAsync(query, caller, default));
            Assert.Equal(PageSize, first.Items.Count);
            Assert.NotEmpty(first.NextPageToken);
            var second = await CheckAsync(host, sent, name + ", keyset page", index, problems,
                () => store.ListAsync(query with { Page = new PageRequest(PageSize, first.NextPageToken) }, caller, default));
            Assert.Equal(PageSize, second.Items.Count);
            await CheckAsync(host, sent, name + ", console page", index, problems, () => store.QueueAsync(query, caller, default));
        }

        var nextShapes = new (string Name, CaseQuery Query, string? Index)[]
        {
            ("unit by name, next case", Query(CaseOrder.Name, unit: Units[0]), ByUnitName),
            ("batch by name, next case", Query(CaseOrder.Name, batch: Batches[2]), ByBatchName),
            ("all units by name, next case", Query(CaseOrder.Name), ByUnitName),
        };
        foreach (var (name, query, index) in nextShapes)
        {
            var head = await CheckAsync(host, sent, name + " (first)", index, problems, () => store.NextAsync(query, null, StoreHost.Admin, default));
            Assert.NotNull(head);
            await CheckAsync(host, sent, name + " (after one)", index, problems,
                () => store.NextAsync(query, head.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StoreHost.Admin, default));
        }
        var mine = await CheckAsync(host, sent, "reviewer's units by name, next case", ByUnitName, problems, () => store.NextAsync(Query(CaseOrder.Name), null, twoUnits, default));
        Assert.NotNull(mine);
        return problems;
    }

    /// <summary>
    /// Runs the listing, explains every ordered and limited statement it sent on the cases, and adds a problem for each
    /// plan that sorts, scans the table, or (when given) does not read <paramref name="index"/>.
    /// </summary>
    private static async Task<T> CheckAsync<T>(StoreHost host, SentCommands sent, string name, string? index, List<string> problems, Func<Task<T>> listing)
    {
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        sent.Clear();
        var result = await listing();
        var commands = sent.Commands;
        var ordered = commands.Where(c => c.Text.Contains("ReviewCases", StringComparison.Ordinal)
            && c.Text.Contains("ORDER BY", StringComparison.Ordinal) && c.Text.Contains("LIMIT", StringComparison.Ordinal)).ToList();
        if (ordered.Count == 0)
        {
            problems.Add($"{name}: no ordered statement on the cases was sent\n" + string.Join("\n---\n", commands.Select(c => c.Text)));
        }
        foreach (var command in ordered)
        {
            var plan = await PlanAsync(db, command);
            var sorts = TestDatabase.IsPostgreSql
                ? plan.Split('\n').Any(l => l.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal)
                    || l.Contains("Incremental Sort", StringComparison.Ordinal) || l.Contains("Seq Scan on \"ReviewCases\"", StringComparison.Ordinal))
                : plan.Contains("TEMP B-TREE", StringComparison.Ordinal);
            if (sorts || (index is not null && !plan.Contains(index, StringComparison.Ordinal)))
            {
                problems.Add($"{name}: {(sorts ? "sorts" : "does not read " + index)}\n{command.Text}\n{plan}");
            }
        }
        return result;
    }

    /// <summary>The plan of a statement with its parameters, as the database explains it.</summary>
    private static async Task<string> PlanAsync(ReconDbContext db, SentCommand sent)
    {
        await db.Database.OpenConnectionAsync();
        await using var explain = db.Database.GetDbConnection().CreateCommand();
        explain.CommandText = (TestDatabase.IsPostgreSql ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sent.Text;
        foreach (var (name, type, value) in sent.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value;
            explain.Parameters.Add(parameter);
        }
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // PostgreSQL: one column of plan text; SQLite: (id, parent, notused, detail).
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }
        return string.Join("\n", lines);
    }

    /// <summary>
    /// A queue of <see cref="Cases"/> cases over twelve units and 24 batches (two a unit), names in random order (a seeded
    /// generator), one in five resolved, statistics refreshed as after a batch.
    /// </summary>
    private static async Task QueueAsync(StoreHost host)
    {
        // The results hang on one batch (their foreign key), of the first unit so that every unit with a batch has cases; the
        // cases spread over the units and batches of a province.
        var batch = await host.Get<Batches.BatchStore>().CreateAsync(new Batches.NewBatch("forms.csv", "", Units[0]), StoreHost.Admin, default);
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        var random = new Random(13);
        string[] given = ["An", "Bình", "Đức", "Hoa", "Lan", "Minh", "Quý", "Yến", "Dũng", "Hà"];
        string[] surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Đỗ", "Bùi"];
        var created = host.Time.GetUtcNow();
        // The cases' batches, each of its unit: an administrator's listing of every unit reads the units the batches name.
        db.Batches.AddRange(Batches.Select((id, i) => new BatchRow { Id = id, Unit = Units[i % Units.Length], CreatedAt = created }));
        db.BatchResults.AddRange(Enumerable.Range(1, Cases).Select(i => new BatchResultRow
        {
            Id = i, BatchId = batch.Id, FormId = $"F{i}", FormRowId = i, Status = MatchStatus.Review,
        }));
        db.ReviewCases.AddRange(Enumerable.Range(1, Cases).Select(i => new ReviewCaseRow
        {
            ResultId = i, BatchId = Batches[i % Batches.Length], FormId = $"F{i}", Kind = CaseKind.Differences,
            Unit = Units[i % Batches.Length % Units.Length], State = i % 5 == 0 ? ReviewCaseState.Resolved : ReviewCaseState.Open,
            SortKey = ReviewStore.SortKeyOf($"{surnames[random.Next(surnames.Length)]} Văn {given[random.Next(given.Length)]} {random.Next(1_000)}"),
            Flags = "", CreatedAt = created,
        }));
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgreSql ? "VACUUM ANALYZE" : "ANALYZE");
    }
}
