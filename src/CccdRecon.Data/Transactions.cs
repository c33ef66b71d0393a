using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data;

/// <summary>
/// Runs work in one transaction on a fresh context, through the provider's execution strategy: SQL Server and
/// PostgreSQL retry transient failures (which they can only do for a transaction they started themselves), and a retried
/// attempt starts again from nothing.
/// </summary>
/// <remarks>
/// The caller's token cancels the work, never the transaction's end (issue 13: EF Core logs a failed commit, rollback
/// or savepoint as "fail: …Database.Transaction[20205] An error occurred using a transaction", without the exception).
/// A commit once started is let finish: cut short, it would leave the caller not knowing whether the work was written
/// (a chunk, an upload's forms). A token cancelled before the commit rolls the work back (the transaction's dispose,
/// which logs nothing). A rollback the work asks for (<see cref="RollbackAsync"/>) is finished too.
/// </remarks>
internal static class Transactions
{
    public static async Task<T> InTransactionAsync<T>(this IDbContextFactory<ReconDbContext> dbFactory,
        Func<ReconDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var outer = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await outer.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(token);
            // No savepoint around each SaveChanges: a failed save fails the whole transaction here (none is continued
            // after one), so the savepoint only cost two round trips a save, and its rollback after a cancelled save —
            // with the cancelled token — failed and was logged as an error.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(db, token);
            // The work may have rolled back on purpose (nothing to write after all).
            if (db.Database.CurrentTransaction is not null)
            {
                token.ThrowIfCancellationRequested();
                await transaction.CommitAsync(CancellationToken.None);
            }
            return result;
        }, cancellationToken);
    }

    /// <summary>The same, for work that uses the caller's token.</summary>
    public static Task<T> InTransactionAsync<T>(this IDbContextFactory<ReconDbContext> dbFactory,
        Func<ReconDbContext, Task<T>> work, CancellationToken cancellationToken)
        => dbFactory.InTransactionAsync((db, _) => work(db), cancellationToken);

    /// <summary>
    /// Rolls the work's transaction back on purpose (nothing to write after all), to its end whatever the caller's token
    /// does meanwhile: a rollback cut short changes nothing but a line in the log.
    /// </summary>
    public static Task RollbackAsync(this ReconDbContext db) => db.Database.RollbackTransactionAsync(CancellationToken.None);
}
