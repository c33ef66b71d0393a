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

    /// <summary>The same, for work that uses the caller's token.</summary>
    public static Task<T> InTransactionAsync<T>(this IDbContextFactory<ReconDbContext> dbFactory,
        Func<ReconDbContext, Task<T>> work, CancellationToken cancellationToken)
        => dbFactory.InTransactionAsync((db, _) => work(db), cancellationToken);
}
