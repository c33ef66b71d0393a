using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Bulk;

/// <summary>SQLite: one prepared <c>INSERT</c> per table, its parameters rebound for every row, inside the transaction.</summary>
internal sealed class SqliteBulkWriter : BulkWriter
{
    public static readonly SqliteBulkWriter Instance = new();

    public override Task InsertAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        Run(db, table, rows, InsertSql(table), cancellationToken);
        return Task.CompletedTask;
    }

    public override Task UpsertAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        Run(db, table, rows, $"{InsertSql(table)} ON CONFLICT ({ColumnList(table.Keys)}) DO UPDATE SET {Assignments(table, "excluded")}", cancellationToken);
        return Task.CompletedTask;
    }

    private static string InsertSql<T>(BulkTable<T> table) where T : class
        => $"INSERT INTO {BulkTables.Quote(table.Name)} ({ColumnList(table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";

    /// <remarks>Synchronous on purpose: SQLite's async calls run synchronously anyway, at the cost of a task per row.</remarks>
    private static void Run<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, string sql, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        using var command = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        command.Transaction = (SqliteTransaction)Transaction(db);
        command.CommandText = sql;
        var parameters = table.Columns.Select((c, i) => command.Parameters.Add("$p" + i, TypeOf(c.StoreType))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = table.Columns[i].Value(row) ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
        }
    }

    private static SqliteType TypeOf(Type type)
        => type == typeof(string) ? SqliteType.Text
            : type == typeof(double) || type == typeof(float) ? SqliteType.Real
            : SqliteType.Integer;
}
