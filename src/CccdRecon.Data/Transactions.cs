using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data;

/// <summary>
/// Runs work in one transaction on a fresh context, through the provider's execution strategy: SQL Server and
/// PostgreSQL retry transient failures (which they can only do for a transaction they started themselves), and a retried
/// attempt starts again from nothing.
/// </summary>
internal static class Transactions
{
    public static async Task<T> InTransactionAsync<T>(this IDbContextFactory<ReconDbContext> dbFactory,
        Func<ReconDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var outer = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await outer.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(token);
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(db, token);
            // The work may have rolled back on purpose (nothing to write after all).
            if (db.Database.CurrentTransaction is not null)
            {
                await transaction.CommitAsync(token);
            }
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs reads on the caller's context through the provider's execution strategy. Outside one, a provider that retries
    /// (PostgreSQL, SQL Server) has EF Core read every row of a query into a buffer of boxed values before it builds the
    /// entities, so that the query alone can be retried (≈ 12 % of a 400,000-form download's server CPU); inside one the
    /// rows go straight into the entities, and a transient failure runs the whole work again.
    /// </summary>
    public static Task<T> ReadAsync<T>(this ReconDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        => db.Database.CreateExecutionStrategy().ExecuteAsync(work, cancellationToken);

    /// <summary>The same, for work that uses the caller's token.</summary>
    public static Task<T> InTransactionAsync<T>(this IDbContextFactory<ReconDbContext> dbFactory,
        Func<ReconDbContext, Task<T>> work, CancellationToken cancellationToken)
        => dbFactory.InTransactionAsync((db, _) => work(db), cancellationToken);
}
