using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Data;

/// <summary>
/// Logs a transaction's failed step (begin, commit, rollback, savepoint) with its exception. EF Core's own line for it
/// ("An error occurred using a transaction", <see cref="RelationalEventId.TransactionError"/>) names neither the step
/// nor the exception, so issue 13's faults could not be told apart from the server's log; that line is kept at Debug
/// (<see cref="DataServiceCollectionExtensions.Configure"/>) and this one takes its place. Only the step and the
/// exception are logged (the providers' messages carry no row values: Npgsql leaves a statement's details out unless
/// told otherwise).
/// </summary>
internal sealed class TransactionFaults(ILogger<TransactionFaults> logger) : DbTransactionInterceptor
{
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
        => Log.TransactionFailed(logger, eventData.Exception, eventData.Action);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }
}
