using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data;

/// <summary>
/// Runs work in one database transaction through the provider's execution strategy (SQL Server retries transient
/// failures, which it can only do for a transaction it started itself): a fresh context per attempt, committed at the end.
/// </summary>
internal static class Transactions
{
    public static async Task<T> InTransactionAsync<T>(this IDbContextFactory<ReconDbContext> factory,
        Func<ReconDbContext, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var probe = await factory.CreateDbContextAsync(cancellationToken);
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(db);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}
