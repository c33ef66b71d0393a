using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CccdRecon.Data.SqliteFiles;

/// <summary>
/// Guards every use of the embedded database once <see cref="SqliteDatabaseGuard"/> holds it: before a connection opens
/// and before a transaction commits, the file must still be the one opened (a new connection would otherwise create an
/// empty file at the path, and a commit would go to a deleted one); a command failing with SQLITE_CORRUPT or
/// SQLITE_NOTADB makes the database lost. A lost database refuses everything with
/// <see cref="Errors.DatabaseUnavailableException"/>, so no write is acknowledged that a restart would not find.
/// </summary>
internal sealed class SqliteFileInterceptor(SqliteDatabaseGuard guard) : DbConnectionInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Check();
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        Check();
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Check();
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        Check();
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => guard.Observe(eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        guard.Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    private void Check()
    {
        if (guard.IsOpen)
        {
            guard.ThrowIfUnusable();
        }
    }
}
