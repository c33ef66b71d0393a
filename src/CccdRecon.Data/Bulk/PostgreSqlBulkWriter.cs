using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CccdRecon.Data.Bulk;

/// <summary>
/// PostgreSQL: <c>COPY … FROM STDIN</c> in the text format (<see cref="NpgsqlCopyTextWriter"/>); an upsert copies into a
/// temporary table of the same shape and merges it with <c>INSERT … ON CONFLICT DO UPDATE</c>.
/// </summary>
internal sealed class PostgreSqlBulkWriter : BulkWriter
{
    public static readonly PostgreSqlBulkWriter Instance = new();

    /// <summary>
    /// Two chunks written at once: while one chunk's <c>COPY</c>s are inserted and indexed by its backend, the server
    /// streams the next one's on a second connection (one chunk at a time, the server and the database took turns and
    /// kept 1.3 of the 2 cores busy). Their batch-row updates and commits still follow each other.
    /// </summary>
    public const int ConcurrentChunkWrites = 2;

    public override int ChunkWritesAtOnce => ConcurrentChunkWrites;

    public override async Task InsertAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count > 0)
        {
            await CopyAsync(Connection(db), BulkTables.Quote(table.Name), table, rows, cancellationToken);
        }
    }

    public override async Task UpsertAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var connection = Connection(db);
        var target = BulkTables.Quote(table.Name);
        var staging = BulkTables.Quote("staging_" + table.Name);
        var columns = ColumnList(table.Columns);
        // Temporary tables live in the session and DDL is transactional: a failed upsert leaves nothing behind.
        await ExecuteAsync(connection, $"CREATE TEMP TABLE {staging} (LIKE {target} INCLUDING DEFAULTS) ON COMMIT DROP", cancellationToken);
        await CopyAsync(connection, staging, table, rows, cancellationToken);
        await ExecuteAsync(connection,
            $"INSERT INTO {target} ({columns}) SELECT {columns} FROM {staging} ON CONFLICT ({ColumnList(table.Keys)}) DO UPDATE SET {Assignments(table, "EXCLUDED")}; " +
            $"DROP TABLE {staging}",
            cancellationToken);
    }

    /// <summary>
    /// Blocks of ids from the key's identity sequence, one <c>nextval</c> per block, in one statement. The sequence steps
    /// by its increment (1,024 for the review cases and clean records, migration <c>IdsTakenInBlocks</c>): a call that
    /// returns <c>v</c> moves it to <c>v + increment</c>, so the ids <c>v … v + increment − 1</c> are this caller's alone,
    /// whoever else takes ids meanwhile (another chunk's write, another server instance, a row inserted with its default
    /// id). Blocks taken in one statement ascend, and so do those of a later statement: ids taken in the batch's order
    /// follow it. Never rolled back; the unused rest of a block is a gap.
    /// </summary>
    public override async Task<long[]?> ReserveIdsAsync<T>(DbContext db, BulkTable<T> table, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }
        var key = table.Keys.Single();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The increment is read with the blocks: as many nextval calls as blocks of that size the count needs.
            await using var command = new NpgsqlCommand(
                "SELECT nextval(q.id), q.step FROM (SELECT s.seqrelid AS id, s.seqincrement AS step FROM pg_sequence s " +
                "WHERE s.seqrelid = pg_get_serial_sequence($1, $2)::regclass) q, generate_series(1, ($3 + q.step - 1) / q.step)",
                (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter { Value = BulkTables.Quote(table.Name) });
            command.Parameters.Add(new NpgsqlParameter { Value = key.Name });
            command.Parameters.Add(new NpgsqlParameter { Value = (long)count });
            var starts = new List<long>();
            long step = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    starts.Add(reader.GetInt64(0));
                    step = reader.GetInt64(1);
                }
            }
            if (step <= 0 || starts.Count * step < count)
            {
                throw new InvalidOperationException($"{starts.Count} blocks of {step} ids of {table.Name} taken, {count} asked");
            }
            starts.Sort();
            var ids = new long[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = starts[(int)(i / step)] + i % step;
            }
            return ids;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One parameterized <c>INSERT … ON CONFLICT</c>: counters are few (a chunk's case tallies), and one round trip.</summary>
    public override async Task AddCountsAsync<T>(DbContext db, BulkTable<T> table, IReadOnlyList<T> rows, string counter, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var columns = table.Columns;
        await using var command = new NpgsqlCommand { Connection = Connection(db) };
        var values = new List<string>(rows.Count);
        foreach (var row in rows)
        {
            var names = new string[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                names[i] = "$" + (command.Parameters.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                command.Parameters.Add(new NpgsqlParameter { Value = columns[i].Value(row) ?? DBNull.Value });
            }
            values.Add("(" + string.Join(", ", names) + ")");
        }
        command.CommandText = $"INSERT INTO {BulkTables.Quote(table.Name)} ({ColumnList(columns)}) VALUES {string.Join(", ", values)}"
            + AddCountsOnConflict(table, counter, "EXCLUDED");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// <c>ANALYZE</c> of the tables. A table filled faster than autovacuum looks at it keeps the statistics of an empty
    /// table, and a keyset page ("after this key, the next 1,000") is then planned as a scan of every row after the
    /// cursor: downloading a 400,000-form batch's results took 40 s, 30 of them PostgreSQL's CPU.
    /// </summary>
    public override async Task RefreshStatisticsAsync(DbContext db, IReadOnlyList<Type> entities, CancellationToken cancellationToken)
    {
        var tables = entities.Select(e => BulkTables.Quote(db.Model.FindEntityType(e)?.GetTableName()
            ?? throw new ArgumentException($"{e.Name} is not a table of this database", nameof(entities))));
        // Names from the model, quoted: nothing of the caller's reaches the statement.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await ExecuteAsync((NpgsqlConnection)db.Database.GetDbConnection(), "ANALYZE " + string.Join(", ", tables), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlConnection Connection(DbContext db)
    {
        _ = Transaction(db);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string target, BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var columns = table.Columns;
        // Text COPY: Npgsql's binary importer binds every value as a parameter (type lookup, size, then the write): ≈ 9 % of
        // the server's samples in a 400k import's profile. Here a row is one line of text written straight to the stream.
        var writer = (NpgsqlCopyTextWriter)await connection.BeginTextImportAsync($"COPY {target} ({ColumnList(columns)}) FROM STDIN", cancellationToken);
        try
        {
            var sink = new TextSink(writer);
            var writeRow = table.WriteRow;
            foreach (var row in rows)
            {
                // Synchronous writes fill the writer's buffer; it flushes when full. Async ones would cost a task per value.
                sink.StartRow();
                writeRow(row, sink);
                writer.Write('\n');
            }
        }
        catch
        {
            // Disposing would complete the COPY with the rows written so far: cancelled instead, nothing of it is kept.
            await writer.CancelAsync();
            throw;
        }
        // Completing sends the end of the data; the database's checks (a unique key) fail here.
        await writer.DisposeAsync();
    }

    /// <summary>
    /// Writes a row's values (<see cref="BulkTable{T}.WriteRow"/>) as one line of <c>COPY</c>'s text format: values apart
    /// by tabs, <c>\N</c> for null, a backslash, tab, line feed or carriage return in a value escaped by a backslash,
    /// numbers in the invariant culture (doubles round-trip), booleans <c>t</c>/<c>f</c>, bytes as <c>bytea</c>'s hex.
    /// </summary>
    private sealed class TextSink(NpgsqlCopyTextWriter writer) : BulkRowSink
    {
        /// <summary>What COPY's text format reads as other than itself: each is written after a backslash.</summary>
        private static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create("\\\t\n\r");

        /// <summary>Room for any number formatted (a double's round-trip form is at most 24 characters).</summary>
        private const int NumberChars = 32;

        private bool _first;

        public void StartRow() => _first = true;

        public override void Null()
        {
            Separate();
            writer.Write("\\N");
        }

        public override void Text(string value)
        {
            Separate();
            var rest = value.AsSpan();
            for (var at = rest.IndexOfAny(Escaped); at >= 0; at = rest.IndexOfAny(Escaped))
            {
                writer.Write(rest[..at]);
                writer.Write('\\');
                writer.Write(rest[at] switch { '\t' => 't', '\n' => 'n', '\r' => 'r', var c => c });
                rest = rest[(at + 1)..];
            }
            writer.Write(rest);
        }

        public override void Int64(long value) => Number(value);

        public override void Int32(int value) => Number(value);

        public override void Double(double value) => Number(value, "R");

        public override void Boolean(bool value)
        {
            Separate();
            writer.Write(value ? 't' : 'f');
        }

        public override void Bytes(byte[] value)
        {
            Separate();
            // bytea's hex input, its backslash escaped for COPY: \\x0a1b…
            writer.Write("\\\\x");
            var hex = System.Buffers.ArrayPool<char>.Shared.Rent(value.Length * 2);
            try
            {
                Convert.TryToHexStringLower(value, hex, out var written);
                writer.Write(hex.AsSpan(0, written));
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(hex);
            }
        }

        public override void Other(object value)
        {
            switch (value)
            {
                case string text:
                    Text(text);
                    break;
                case long number:
                    Int64(number);
                    break;
                case int number:
                    Int32(number);
                    break;
                case double number:
                    Double(number);
                    break;
                case bool flag:
                    Boolean(flag);
                    break;
                case byte[] bytes:
                    Bytes(bytes);
                    break;
                default:
                    throw new NotSupportedException($"no COPY type for {value.GetType().Name}");
            }
        }

        private void Number<TNumber>(TNumber value, string? format = null) where TNumber : ISpanFormattable
        {
            Separate();
            Span<char> text = stackalloc char[NumberChars];
            if (!value.TryFormat(text, out var written, format, System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"{value} does not fit {NumberChars} characters");
            }
            writer.Write(text[..written]);
        }

        private void Separate()
        {
            if (_first)
            {
                _first = false;
            }
            else
            {
                writer.Write('\t');
            }
        }
    }
}
