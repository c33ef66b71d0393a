using System.Text.RegularExpressions;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Bulk;
using CccdRecon.Data.Entities;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CccdRecon.Data.Tests;

/// <summary>
/// No SQL Server can run here, so what would be sent to one is parsed by SQL Server's own parser (ScriptDom, SQL Server
/// 2022's grammar, QUOTED_IDENTIFIER on as SqlClient sets it): the committed migration script, every statement of the
/// bulk writer, the commands the stores' calls send and the SQL EF Core writes for the queries over id lists, which
/// must also stay within SQL Server's parameter limit however long the list.
/// </summary>
public sealed partial class SqlServerTextTests
{
    /// <summary>
    /// SQL Server refuses a request with more than 2,100 parameters, and SqlClient sends a parameterized command as
    /// <c>sp_executesql</c>, whose statement and parameter list take two of them.
    /// </summary>
    private const int SqlServerMaxParameters = 2_098;

    /// <summary>SQLite's default SQLITE_MAX_VARIABLE_NUMBER (since 3.32).</summary>
    private const int SqliteMaxParameters = 32_766;

    /// <summary>PostgreSQL's wire protocol counts a statement's parameters in 16 bits.</summary>
    private const int PostgreSqlMaxParameters = 65_535;

    /// <summary>
    /// Past the parameter limit, and longer than any list a store or page sends but the import's lookup of stored ids
    /// (up to 20,000, written as one JSON parameter).
    /// </summary>
    private const int ListLength = 5_000;

    [Fact]
    public void The_committed_migration_script_parses()
    {
        using var db = BulkTableTests.Context(DatabaseProvider.SqlServer);
        var script = File.ReadAllText(RepositoryFiles.SqlServerMigrationScript());

        var parsed = Parse(script);

        // GO separates batches (sqlcmd runs them in turn): the history table's, then one per migration at least.
        Assert.True(parsed.Batches.Count > db.Database.GetMigrations().Count(), $"{parsed.Batches.Count} batches");
        // The script runs the hand-written statements (triggers, data upgrades, filtered indexes) as EXEC of a string,
        // which the script's parse leaves unread: each is parsed on its own.
        var executed = new ExecutedStrings();
        parsed.Accept(executed);
        Assert.NotEmpty(executed.Statements);
        Assert.All(executed.Statements, statement => Parse(statement));
    }

    [Fact]
    public void Every_bulk_statement_parses()
    {
        using var db = BulkTableTests.Context(DatabaseProvider.SqlServer);

        Check(db.Table<BatchResultRow>(withGeneratedKey: true));
        Check(db.Table<DiscrepancyRow>());
        Check(db.Table<ReviewCaseRow>());
        Check(db.Table<ReviewCaseRow>(withGeneratedKey: true));
        Check(db.Table<CleanRecordRow>());
        Check(db.Table<CleanRecordRow>(withGeneratedKey: true));
        Check(db.Table<BatchFormRow>());
        Check(db.Table<RegistryRecordRow>());
        Check(db.Table<CaseTallyRow>());

        static void Check<T>(BulkTable<T> table) where T : class
        {
            var staging = SqlServerBulkWriter.StagingName(table);
            // Each command as the writer sends it: the staging table, then the MERGE and the drop in one batch.
            Parse(SqlServerBulkWriter.StagingSql(table, staging));
            if (table.Keys.Any())
            {
                Parse(SqlServerBulkWriter.MergeSql(table, staging) + SqlServerBulkWriter.DropSql(staging));
                var counter = table.Columns.FirstOrDefault(c => c.Name == nameof(CaseTallyRow.Count));
                if (counter is not null)
                {
                    Parse(SqlServerBulkWriter.AddCountsSql(table, staging, counter.Name) + SqlServerBulkWriter.DropSql(staging));
                }
            }
        }
    }

    /// <summary>
    /// The queries over a list of ids or units, in the stores (and the console's pages, which share the configuration),
    /// each with <see cref="ListLength"/> values: SQL Server's text parses and takes at most 2,100 parameters; SQLite and
    /// PostgreSQL stay within theirs.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.SqlServer, SqlServerMaxParameters)]
    [InlineData(DatabaseProvider.Sqlite, SqliteMaxParameters)]
    [InlineData(DatabaseProvider.PostgreSql, PostgreSqlMaxParameters)]
    public void Queries_over_long_lists_stay_within_the_parameter_limit(DatabaseProvider provider, int maxParameters)
    {
        using var db = BulkTableTests.Context(provider);
        foreach (var (name, query) in ListQueries(db, ListLength))
        {
            var sql = query.ToQueryString();

            var parameters = ParameterNames(sql, provider);
            Assert.True(parameters <= maxParameters, $"{name}: {parameters} parameters on {provider}");
            if (provider == DatabaseProvider.SqlServer)
            {
                Parse(sql, name);
            }
        }
    }

    /// <summary>
    /// EF Core 10 sends a short list as one parameter per value on SQL Server and falls back to one JSON parameter
    /// (OPENJSON) when the query's parameters would pass the limit; its 10.0 releases miscounted near the limit
    /// (dotnet/efcore#37151, #37185, #37336). Every length around it, one list or several in one query.
    /// </summary>
    [Fact]
    public void Sql_server_lists_around_the_limit_translate_within_it()
    {
        using var db = BulkTableTests.Context(DatabaseProvider.SqlServer);
        int[] lengths = [1, 2, 3, 100, 1_000, 1_040, 1_048, 1_049, 1_050, 1_051, 1_100, 2_000, 2_040, 2_060, 2_069, 2_070, 2_080,
            2_090, 2_095, 2_096, 2_097, 2_098, 2_099, 2_100, 2_101, 2_200, 4_200];
        var failures = new List<string>();
        foreach (var length in lengths)
        {
            foreach (var (name, query) in ListQueries(db, length))
            {
                try
                {
                    var parameters = ParameterNames(query.ToQueryString(), DatabaseProvider.SqlServer);
                    if (parameters > SqlServerMaxParameters)
                    {
                        failures.Add($"{name} with {length}: {parameters} parameters");
                    }
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    failures.Add($"{name} with {length}: {e.GetType().Name} {e.Message}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// The stores' own calls on SQL Server, each as far as it runs with no rows to read (<see cref="SqlServerCommands"/>):
    /// listings and their keyset pages, counts, the next case, the processor's lease and pending forms, a rerun, the
    /// start's upgrades, the audit trail. Every command they send parses and has fewer parameters than the limit.
    /// </summary>
    [Fact]
    public async Task The_stores_commands_parse_and_stay_within_the_limit()
    {
        await using var stores = new SqlServerCommands();
        var admin = StoreHost.Admin;
        var reviewer = StoreHost.Reviewer("can.bo", StoreData.Unit, "05444");
        var page = new Paging.PageRequest(10, null);
        var review = stores.Get<Review.ReviewStore>();
        var batches = stores.Get<Batches.BatchStore>();
        var worker = new Batches.BatchWorker("test", TimeSpan.FromMinutes(1));
        Func<Task>[] calls =
        [
            () => stores.Get<Registry.RegistryStore>().GetAsync("R1", admin, default),
            () => stores.Get<Registry.RegistryStore>().SearchAsync(new Registry.RecordSearchRequest(new RecordQuery("Lê Thị Ánh", "1990-01-02", null), "7", page), reviewer, default),
            () => stores.Get<Registry.RegistryStore>().LoadIndexAsync(default),
            () => stores.Get<Registry.RegistryStore>().RefreshIndexAsync(default),
            () => review.ListAsync(ReviewScenario.Query(), admin, default),
            () => review.ListAsync(ReviewScenario.Query("b") with { Unit = StoreData.Unit, ToDo = true }, reviewer, default),
            () => review.QueueAsync(ReviewScenario.Query() with { Page = page }, reviewer, default),
            () => review.CountAsync(ReviewScenario.Query("b"), reviewer, default),
            () => review.NextAsync(ReviewScenario.Query(), "7", reviewer, default),
            () => review.GetAsync("7", reviewer, default),
            () => review.ClaimAsync("7", reviewer, default),
            () => review.ListBulkAsync(null, reviewer, 50, default),
            () => review.UpgradeAsync(default),
            () => review.UpgradeCommunesAsync(default),
            () => batches.GetAsync("b", default),
            () => batches.ListAsync(new Batches.BatchQuery(null, page), default),
            () => batches.ListResultsAsync(new Batches.ResultQuery("b", MatchStatus.Review, page), admin, default),
            () => batches.LeaseNextAsync(worker, default),
            () => batches.RenewLeaseAsync("b", worker, default),
            () => batches.PendingFormsAsync("b", 0, 100, default),
            () => batches.StartAsync("b", admin, default),
            () => batches.RerunAsync("b", admin, default),
            () => stores.Get<Intake.IntakeStore>().ListAsync("b", page, admin, default),
            () => stores.Get<Audit.AuditTrail>().ListAsync(new Audit.AuditQuery("admin.test", null, null, null, page), default),
        ];
        foreach (var call in calls)
        {
            await stores.RunAsync(call);
        }

        Assert.True(stores.Commands.Count >= calls.Length, $"{stores.Commands.Count} commands");
        Assert.All(stores.Commands, command =>
        {
            Assert.InRange(command.Parameters, 0, SqlServerMaxParameters);
            Parse(command.Sql);
        });
    }

    /// <summary>
    /// An update over a list (the start's commune upgrade: up to 5,000 case ids of a page in one list) goes through
    /// the same translation, shown by the command SqlClient would be given: no connection is opened, and the command
    /// is taken instead of executed.
    /// </summary>
    [Fact]
    public async Task A_sql_server_update_over_a_long_list_stays_within_the_limit()
    {
        await using var stores = new SqlServerCommands();
        await using var db = await stores.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        var ids = Enumerable.Range(1, ListLength).Select(i => (long)i).ToList();

        await db.ReviewCases.Where(c => ids.Contains(c.Id) && c.CommuneKey == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.CommuneKey, "k").SetProperty(c => c.Commune, "label"));

        var (sql, parameters) = Assert.Single(stores.Commands);
        Assert.InRange(parameters, 1, SqlServerMaxParameters);
        Parse(sql);
    }

    /// <summary>
    /// No column of the SQL Server model has a collation of its own: each takes the database's. A binary collation on
    /// the key columns alone (so <c>R1</c> and <c>r1</c> are two records under a case-insensitive default) would make
    /// SQL Server refuse, with "Cannot resolve the collation conflict", every list query over them that EF Core sends
    /// as OPENJSON — the import's stored-id lookup, the upload's known forms, any list past the parameter limit —
    /// because EF Core 10 declares OPENJSON's value column without the column's collation (dotnet/efcore#32147), and
    /// every join of a key column with the same id held elsewhere (a case's batch and form ids with its form's). A
    /// case-sensitive database is chosen when it is created (README, "SQL Server").
    /// </summary>
    [Fact]
    public void No_sql_server_column_has_a_collation_of_its_own()
    {
        using var db = BulkTableTests.Context(DatabaseProvider.SqlServer);

        var collated = db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.SelectMany(t => t.Columns)
            .Where(c => c.Collation is not null).Select(c => $"{c.Table.Name}.{c.Name} {c.Collation}");

        Assert.Empty(collated);
    }

    /// <summary>Each store query that takes a list, by where it is (the list the longest it may be, and longer).</summary>
    private static IEnumerable<(string Name, IQueryable Query)> ListQueries(ReconDbContext db, int length)
    {
        var recordIds = Strings("R", length);
        var formIds = Strings("F", length);
        var batchIds = Strings("B", length);
        var units = Strings("U", length);
        var ids = Enumerable.Range(1, length).Select(i => (long)i).ToList();
        var versions = ids.ToArray();

        yield return ("RegistryStore.SaveAsync (stored ids of an import)", db.RegistryRecords.Where(r => EF.Parameter(recordIds).Contains(r.RecordId)).Select(r => r.RecordId));
        yield return ("RegistryStore.SearchAsync (case in the caller's units)", db.ReviewCases.Where(c => c.Id == 7 && units.Contains(c.Unit)).Select(c => c.Id));
        yield return ("RegistryStore.RefreshIndexAsync (records by version)", db.RegistryRecords.AsNoTracking().Where(r => EF.Parameter(versions).Contains(r.Version)));
        yield return ("ReviewStore.UpgradeCommunesAsync (cases of a commune)", db.ReviewCases.Where(c => ids.Contains(c.Id) && c.CommuneKey == null));
        yield return ("ReviewStore.ListBulkAsync (the caller's units)", db.BulkDecisions.AsNoTracking().Where(b => b.Unit != null && units.Contains(b.Unit)).OrderByDescending(b => b.Id).Take(500));
        yield return ("ReviewStore.BulkPageAsync/LoadManyAsync (cases with everything)", db.ReviewCases
            .Include(c => c.Result!).ThenInclude(r => r.Discrepancies).Include(c => c.Decisions).Include(c => c.LinkDecisions)
            .AsSingleQuery().Where(c => ids.Contains(c.Id)));
        yield return ("ReviewStore.FormsAsync/FormNamesAsync (the cases' forms)", db.BatchForms.AsNoTracking().Where(f => batchIds.Contains(f.BatchId) && formIds.Contains(f.FormId)));
        yield return ("ReviewStore.QueueAsync (a page's lines)", from c in db.ReviewCases.AsNoTracking()
                                                                  where ids.Contains(c.Id)
                                                                  join f in db.BatchForms.AsNoTracking() on new { c.BatchId, c.FormId } equals new { f.BatchId, f.FormId }
                                                                  select new { c.Id, c.Unit, f.Person.FullName });
        yield return ("ReviewStore.CountAsync (tallies of the caller's units)", db.CaseTallies.AsNoTracking().Where(t => t.Count != 0)
            .Where(t => db.Batches.Any(b => b.Id == t.BatchId && units.Contains(b.Unit))));
        yield return ("ReviewStore.InScope (cases of the caller's units)", db.ReviewCases.Where(c => units.Contains(c.Unit)));
        yield return ("ReviewStore.RecordsAsync (records not held in memory)", db.RegistryRecords.AsNoTracking().Where(r => recordIds.Contains(r.RecordId)));
        yield return ("KnownForms.OfAsync (forms already uploaded)", db.BatchForms.Where(f => f.BatchId == "b" && EF.Parameter(formIds).Contains(f.FormId)).Select(f => f.FormId));
        yield return ("BatchCorrectionSource (a page's communes, flags and decisions)", db.ReviewCases.Where(c => units.Contains(c.CommuneKey!))
            .Select(c => c.Id).Concat(db.Discrepancies.Where(d => ids.Contains(d.ResultId)).Select(d => d.Id))
            .Concat(db.FieldDecisions.Where(d => ids.Contains(d.CaseId)).Select(d => d.Id)));
        yield return ("DashboardQueries (batches' tallies, decisions' times)", db.CaseTallies.AsNoTracking().Where(t => batchIds.Contains(t.BatchId) && t.Field == "")
            .Select(t => t.Count).Concat(db.LinkDecisions.Where(d => ids.Contains(d.CaseId)).Select(d => d.Id)));
    }

    private static List<string> Strings(string prefix, int length)
        => Enumerable.Range(1, length).Select(i => prefix + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>The distinct parameters a query's text declares or uses (<c>@p</c>; PostgreSQL's text shows them as <c>@p</c> too).</summary>
    private static int ParameterNames(string sql, DatabaseProvider provider)
    {
        var pattern = provider == DatabaseProvider.Sqlite ? SqliteParameter() : AtParameter();
        return pattern.Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal).Count();
    }

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex AtParameter();

    [GeneratedRegex(@"[@:$][A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex SqliteParameter();

    /// <summary>Parses the text as SQL Server 2022 does with QUOTED_IDENTIFIER on (SqlClient's setting); fails on any error.</summary>
    private static TSqlScript Parse(string sql, string? name = null)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, $"{name}: " + string.Join("; ", errors.Take(5).Select(e => $"line {e.Line}: {e.Message}"))
            + Environment.NewLine + sql[..Math.Min(sql.Length, 2_000)]);
        return (TSqlScript)fragment;
    }

    /// <summary>The statements a script runs as <c>EXEC(N'…')</c> of literal strings (not those built from variables).</summary>
    private sealed class ExecutedStrings : TSqlFragmentVisitor
    {
        public List<string> Statements { get; } = [];

        public override void Visit(ExecutableStringList node)
        {
            if (node.Strings.All(s => s is StringLiteral))
            {
                Statements.Add(string.Concat(node.Strings.Cast<StringLiteral>().Select(s => s.Value)));
            }
        }
    }
}
