using System.Data.Common;
using CccdRecon.Data;
using CccdRecon.Data.Access;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Review;
using CccdRecon.Web.Dashboard;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CccdRecon.Web.Tests;

/// <summary>
/// The dashboard's queries as SQLite plans them (<c>EXPLAIN QUERY PLAN</c> of the very commands EF Core sends, on a
/// migrated database): live claims go through the <c>ClaimedAt</c> index, which holds only the few claimed cases,
/// never through a batch's index (which would walk every case of the batch, every second a dashboard polls), and
/// cases by commune through the batch's commune index.
/// </summary>
public sealed class DashboardPlanTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cccdrecon-plan-").FullName;
    private readonly Plans _plans = new();
    private DbContextOptions<ReconDbContext> _options = null!;

    public async Task InitializeAsync()
    {
        var builder = new DbContextOptionsBuilder<ReconDbContext>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions(), $"Data Source={Path.Combine(_folder, "plan.db")}");
        builder.AddInterceptors(_plans);
        _options = builder.Options;
        await using var db = new ReconDbContext(_options);
        await db.Database.MigrateAsync();
        db.Batches.Add(new BatchRow { Id = "b1", Unit = "05443", State = BatchRunState.Succeeded, CreatedAt = DateTimeOffset.UnixEpoch });
        await db.SaveChangesAsync();
        _plans.Clear();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Live_claims_are_read_through_the_claim_index_and_cases_by_commune_through_the_commune_index()
    {
        var queries = new DashboardQueries(new Factory(_options), Options.Create(new ReviewOptions()), TimeProvider.System);
        await using (var db = new ReconDbContext(_options))
        {
            var batch = await db.Batches.SingleAsync();
            _plans.Clear();
            await queries.FiguresAsync(db, batch, default);
        }
        await queries.ListAsync(new Caller("can.bo", "recon.reviewer", ["05443"], "trace", SeesAllUnits: false), default);

        var claims = _plans.Of("ClaimedAt");
        Assert.NotEmpty(claims);
        Assert.All(claims, plan => Assert.Contains("IX_ReviewCases_ClaimedAt", plan, StringComparison.Ordinal));
        var communes = _plans.Of("CommuneKey");
        Assert.NotEmpty(communes);
        Assert.All(communes, plan => Assert.Contains("IX_ReviewCases_BatchId_CommuneKey_Commune_Kind", plan, StringComparison.Ordinal));
    }

    private sealed class Factory(DbContextOptions<ReconDbContext> options) : IDbContextFactory<ReconDbContext>
    {
        public ReconDbContext CreateDbContext() => new(options);
    }

    /// <summary>Each query on the review cases, with SQLite's plan for it (the same text and parameters, explained first).</summary>
    private sealed class Plans : DbCommandInterceptor
    {
        private readonly List<(string Sql, string Plan)> _seen = [];

        public void Clear()
        {
            lock (_seen) _seen.Clear();
        }

        public List<string> Of(string column)
        {
            lock (_seen) return _seen.Where(s => s.Sql.Contains($"\"{column}\"", StringComparison.Ordinal) && s.Sql.Contains("FROM \"ReviewCases\"", StringComparison.Ordinal))
                .Select(s => s.Plan).ToList();
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                await using var explain = command.Connection!.CreateCommand();
                explain.Transaction = command.Transaction;
                explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
                foreach (SqliteParameter p in command.Parameters)
                {
                    explain.Parameters.Add(new SqliteParameter(p.ParameterName, p.Value ?? DBNull.Value));
                }
                var plan = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken)) plan.Add(reader.GetString(3));
                }
                lock (_seen) _seen.Add((command.CommandText, string.Join(" | ", plan)));
            }
            return result;
        }
    }
}
