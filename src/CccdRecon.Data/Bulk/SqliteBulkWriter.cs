using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace CccdRecon.Data.Bulk;

/// <summary>
/// SQLite: one prepared <c>INSERT</c> per table, reused for every row inside the caller's transaction. It runs on
/// SQLite's own statement API (bind by position, step, reset) on the transaction's connection: the ADO.NET command
/// would look every parameter up by name on every execution, which cost more than SQLite's own work.
/// </summary>
internal sealed class SqliteBulkWriter : BulkWriter
{
    public static readonly SqliteBulkWriter Instance = new();

    public override Task InsertAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        Run(db, table, rows, "", cancellationToken);
        return Task.CompletedTask;
    }

    public override Task UpsertAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        Run(db, table, rows, $" ON CONFLICT ({ColumnList(table.Keys)}) DO UPDATE SET {Assignments(table, "excluded")}", cancellationToken);
        return Task.CompletedTask;
    }

    public override Task AddCountsAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, string counter, CancellationToken cancellationToken)
    {
        Run(db, table, rows, AddCountsOnConflict(table, counter, "excluded"), cancellationToken);
        return Task.CompletedTask;
    }

    /// <remarks>Synchronous on purpose: SQLite's calls are synchronous whatever the API says.</remarks>
    private static void Run<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, string conflict, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        _ = Transaction(db);
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
        var columns = table.Columns;
        var sql = $"INSERT INTO {BulkTables.Quote(table.Name)} ({ColumnList(columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))}){conflict}";
        Check(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        using (statement)
        {
            var sink = new StatementSink(statement, handle);
            var writeRow = table.WriteRow;
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sink.Next();
                writeRow(row, sink);
                var done = raw.sqlite3_step(statement);
                if (done != raw.SQLITE_DONE)
                {
                    raw.sqlite3_reset(statement);
                    SqliteException.ThrowExceptionForRC(done, handle);
                }
                Check(raw.sqlite3_reset(statement), handle);
            }
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value, TextBuffer buffer) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string text => buffer.Bind(statement, index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int(statement, index, number),
        short number => raw.sqlite3_bind_int(statement, index, number),
        byte number => raw.sqlite3_bind_int(statement, index, number),
        bool flag => raw.sqlite3_bind_int(statement, index, flag ? 1 : 0),
        double number => raw.sqlite3_bind_double(statement, index, number),
        float number => raw.sqlite3_bind_double(statement, index, number),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        _ => throw new NotSupportedException($"no SQLite type for {value.GetType().Name}"),
    };

    /// <summary>Binds a row's values (<see cref="BulkTable{T}.WriteRow"/>) to the statement's parameters by position, each by its typed call.</summary>
    private sealed class StatementSink(sqlite3_stmt statement, sqlite3 handle) : BulkRowSink
    {
        private readonly TextBuffer _text = new();
        private int _index;

        /// <summary>The next row: binding starts again at the first parameter.</summary>
        public void Next() => _index = 0;

        public override void Null() => Check(raw.sqlite3_bind_null(statement, ++_index), handle);
        public override void Text(string value) => Check(_text.Bind(statement, ++_index, value), handle);
        public override void Int64(long value) => Check(raw.sqlite3_bind_int64(statement, ++_index, value), handle);
        public override void Int32(int value) => Check(raw.sqlite3_bind_int(statement, ++_index, value), handle);
        public override void Double(double value) => Check(raw.sqlite3_bind_double(statement, ++_index, value), handle);
        public override void Boolean(bool value) => Check(raw.sqlite3_bind_int(statement, ++_index, value ? 1 : 0), handle);
        public override void Bytes(byte[] value) => Check(raw.sqlite3_bind_blob(statement, ++_index, value), handle);
        public override void Other(object value) => Check(Bind(statement, ++_index, value, _text), handle);
    }

    /// <summary>
    /// Binds text from one UTF-8 buffer reused for every value of a write (SQLite copies a bound value:
    /// SQLITE_TRANSIENT). The string overload encodes each value into a new array: a dozen per row, millions per import.
    /// </summary>
    private sealed class TextBuffer
    {
        private byte[] _bytes = new byte[InitialBytes];

        /// <summary>Bytes of a new buffer: most values are a few dozen.</summary>
        private const int InitialBytes = 1_024;

        /// <summary>The empty text, zero-terminated (an empty span would bind no pointer at all, which SQLite stores as NULL).</summary>
        private static readonly byte[] Empty = [0];

        public int Bind(sqlite3_stmt statement, int index, string text)
        {
            if (text.Length == 0)
            {
                return raw.sqlite3_bind_text(statement, index, utf8z.FromSpan(Empty));
            }
            var needed = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
            if (needed > _bytes.Length)
            {
                _bytes = new byte[Math.Max(needed, _bytes.Length * 2)];
            }
            var length = System.Text.Encoding.UTF8.GetBytes(text, _bytes);
            return raw.sqlite3_bind_text(statement, index, _bytes.AsSpan(0, length));
        }
    }

    private static void Check(int code, sqlite3 handle)
    {
        if (code != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(code, handle);
        }
    }
}
