using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CccdRecon.Data.Bulk;

/// <summary>
/// Writes many rows in the caller's transaction by the provider's bulk path: SQLite one prepared command reused for
/// every row, PostgreSQL <c>COPY</c> (text format), SQL Server <c>SqlBulkCopy</c>. Rows go in the order given, so
/// generated ids follow it.
/// </summary>
internal abstract class BulkWriter
{
    public static BulkWriter For(DatabaseFacade database) => database.ProviderName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => SqliteBulkWriter.Instance,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => PostgreSqlBulkWriter.Instance,
        "Microsoft.EntityFrameworkCore.SqlServer" => SqlServerBulkWriter.Instance,
        var other => throw new NotSupportedException($"no bulk path for {other}"),
    };

    /// <summary>
    /// How many batch chunks may be written at once, each in its own transaction on its own connection
    /// (<see cref="Batches.BatchStore.ChunkWritesAtOnce"/>): one unless the database takes concurrent writers.
    /// </summary>
    public virtual int ChunkWritesAtOnce => 1;

    /// <summary>
    /// Takes <paramref name="count"/> ids of the table's generated key now, outside any transaction, ascending; null where
    /// the provider does not (then the database numbers the rows as they are inserted). Where several chunks are written
    /// at once (<see cref="ChunkWritesAtOnce"/>), a chunk's ids taken in the batch's order keep its rows in creation order
    /// however its write interleaves with the one before. An id taken is never handed out again, used or not.
    /// </summary>
    public virtual Task<long[]?> ReserveIdsAsync<T>(DbContext db, BulkTable<T> table, int count, CancellationToken cancellationToken) where T : class
        => Task.FromResult<long[]?>(null);

    /// <summary>Inserts the rows.</summary>
    public abstract Task InsertAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class;

    /// <summary>Inserts the rows, replacing every column of a row whose key is already stored.</summary>
    public abstract Task UpsertAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class;

    /// <summary>
    /// Adds each row's <paramref name="counter"/> to the stored row of its key in one statement, inserting the rows whose
    /// key is not stored yet; a row adding zero leaves a stored one untouched. Rows are taken in key order, so two writers
    /// adding to the same counters lock them in the same order.
    /// </summary>
    public abstract Task AddCountsAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, string counter, CancellationToken cancellationToken) where T : class;

    /// <summary>
    /// Brings the query planner's statistics of the entities' tables up to date, in the caller's transaction if there is
    /// one, after a bulk fill that queries are about to read page by page. PostgreSQL: <c>ANALYZE</c> (see
    /// <see cref="PostgreSqlBulkWriter"/>). SQLite and SQL Server: nothing — SQLite plans by its indexes without
    /// statistics, SQL Server refreshes stale statistics itself when it compiles a query.
    /// </summary>
    public virtual Task RefreshStatisticsAsync(DbContext db, IReadOnlyList<Type> entities, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary><c>ON CONFLICT (keys) DO UPDATE SET c = t.c + excluded.c WHERE excluded.c &lt;&gt; 0</c> (SQLite and PostgreSQL).</summary>
    protected static string AddCountsOnConflict<T>(BulkTable<T> table, string counter, string excluded) where T : class
    {
        var c = BulkTables.Quote(counter);
        return $" ON CONFLICT ({ColumnList(table.Keys)}) DO UPDATE SET {c} = {BulkTables.Quote(table.Name)}.{c} + {excluded}.{c} WHERE {excluded}.{c} <> 0";
    }

    protected static DbTransaction Transaction(DbContext db)
        => db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("bulk writes run inside the caller's transaction");

    protected static string ColumnList<T>(IEnumerable<BulkColumn<T>> columns) => string.Join(", ", columns.Select(c => BulkTables.Quote(c.Name)));

    /// <summary><c>"a" = {source}."a", …</c> for every column but the key.</summary>
    protected static string Assignments<T>(BulkTable<T> table, string source) where T : class
        => string.Join(", ", table.Columns.Where(c => !c.IsKey).Select(c => $"{BulkTables.Quote(c.Name)} = {source}.{BulkTables.Quote(c.Name)}"));
}
