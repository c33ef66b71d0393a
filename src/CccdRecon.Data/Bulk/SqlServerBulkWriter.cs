using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Bulk;

/// <summary>
/// SQL Server: <see cref="SqlBulkCopy"/> in the caller's transaction (keeping ids the caller gives, such as a result's
/// form id); an upsert bulk-copies into a temporary table and <c>MERGE</c>s it. Not run here: no SQL Server can run on
/// the project's machines (the statements and the rows it sends are unit-tested).
/// </summary>
internal sealed class SqlServerBulkWriter : BulkWriter
{
    public static readonly SqlServerBulkWriter Instance = new();

    public override async Task InsertAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count > 0)
        {
            await CopyAsync(db, Bracket(table.Name), table, rows, cancellationToken);
        }
    }

    public override async Task UpsertAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var staging = StagingName(table);
        await ExecuteAsync(db, StagingSql(table, staging), cancellationToken);
        await CopyAsync(db, staging, table, rows, cancellationToken);
        await ExecuteAsync(db, MergeSql(table, staging) + DropSql(staging), cancellationToken);
    }

    public override async Task AddCountsAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, string counter, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var staging = StagingName(table);
        await ExecuteAsync(db, StagingSql(table, staging), cancellationToken);
        await CopyAsync(db, staging, table, rows, cancellationToken);
        await ExecuteAsync(db, AddCountsSql(table, staging, counter) + DropSql(staging), cancellationToken);
    }

    /// <summary>The session's temporary table a bulk table's rows are copied into before they are merged.</summary>
    internal static string StagingName<T>(BulkTable<T> table) where T : class => "#staging_" + table.Name;

    /// <summary>Creates the empty staging table with the table's columns, types and collations (nothing else).</summary>
    internal static string StagingSql<T>(BulkTable<T> table, string staging) where T : class
        => $"SELECT TOP 0 {ColumnList(table.Columns)} INTO {staging} FROM {Bracket(table.Name)}";

    /// <summary>Drops the staging table in the MERGE's batch, so a chunk's next upsert can create it again.</summary>
    internal static string DropSql(string staging) => $" DROP TABLE {staging};";

    /// <summary>The MERGE of a staging table into the table by key: update every other column, or insert.</summary>
    internal static string MergeSql<T>(BulkTable<T> table, string staging) where T : class
        => Merge(table, staging, $"WHEN MATCHED THEN UPDATE SET {Assignments(table, "s")} ");

    /// <summary>The MERGE that adds a staging table's counters to the table's by key, or inserts them.</summary>
    internal static string AddCountsSql<T>(BulkTable<T> table, string staging, string counter) where T : class
    {
        var c = BulkTables.Quote(counter);
        return Merge(table, staging, $"WHEN MATCHED AND s.{c} <> 0 THEN UPDATE SET {c} = t.{c} + s.{c} ");
    }

    private static string Merge<T>(BulkTable<T> table, string staging, string whenMatched) where T : class
    {
        var on = string.Join(" AND ", table.Keys.Select(k => $"t.{BulkTables.Quote(k.Name)} = s.{BulkTables.Quote(k.Name)}"));
        var columns = ColumnList(table.Columns);
        var values = string.Join(", ", table.Columns.Select(c => "s." + BulkTables.Quote(c.Name)));
        return $"MERGE {Bracket(table.Name)} WITH (HOLDLOCK) AS t USING {staging} AS s ON {on} " + whenMatched +
               $"WHEN NOT MATCHED THEN INSERT ({columns}) VALUES ({values});";
    }

    /// <summary>The rows as SqlBulkCopy reads them: one typed column per table column, nulls as DBNull.</summary>
    internal static DataTable ToDataTable<T>(BulkTable<T> table, IReadOnlyList<T> rows) where T : class
    {
        var data = new DataTable(table.Name) { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var column in table.Columns)
        {
            data.Columns.Add(column.Name, column.StoreType);
        }
        var values = new object[table.Columns.Count];
        foreach (var row in rows)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = table.Columns[i].Value(row) ?? DBNull.Value;
            }
            data.Rows.Add(values);
        }
        return data;
    }

    private static async Task CopyAsync<T>(DbContext db, string target, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        var options = SqlBulkCopyOptions.CheckConstraints | (table.Keys.Any() ? SqlBulkCopyOptions.KeepIdentity : SqlBulkCopyOptions.Default);
        using var copy = new SqlBulkCopy((SqlConnection)db.Database.GetDbConnection(), options, (SqlTransaction)Transaction(db))
        {
            DestinationTableName = target,
            BulkCopyTimeout = db.Database.GetCommandTimeout() ?? 60,
            BatchSize = 0,
        };
        foreach (var column in table.Columns)
        {
            copy.ColumnMappings.Add(column.Name, column.Name);
        }
        using var data = ToDataTable(table, rows);
        await copy.WriteToServerAsync(data, cancellationToken);
    }

    private static async Task ExecuteAsync(DbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = (SqlCommand)db.Database.GetDbConnection().CreateCommand();
        command.Transaction = (SqlTransaction)Transaction(db);
        command.CommandText = sql;
        command.CommandTimeout = db.Database.GetCommandTimeout() ?? 60;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Bracket(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";
}
