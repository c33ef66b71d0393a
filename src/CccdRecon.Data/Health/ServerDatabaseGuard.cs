using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Health;

/// <summary>
/// A database server (SQL Server, PostgreSQL): it serves several processes by design and keeps its own files, so there
/// is nothing to lock or to check at start; health asks it a trivial query.
/// </summary>
public sealed class ServerDatabaseGuard(IDbContextFactory<ReconDbContext> dbFactory) : DatabaseGuard
{
    public override Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken) ? null : "the database server does not answer";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return "the database server does not answer (" + ex.GetType().Name + ")";
        }
    }
}
