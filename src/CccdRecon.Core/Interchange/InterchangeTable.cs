using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace CccdRecon.Core.Interchange;

/// <summary>Builds a row's value from the CsvHelper reader and the row's trimmed key, or says why the row cannot be read.</summary>
internal delegate T? RowMapper<T>(CsvReader reader, string key, out string? problem);

/// <summary>The column indexes of one file's header, resolved once so rows are read by index.</summary>
internal sealed class HeaderIndex(Dictionary<string, int> indexes)
{
    /// <summary>The column's index in the file, or -1 when the file does not have it.</summary>
    public int this[string column] => indexes.TryGetValue(column, out var index) ? index : -1;
}

/// <summary>
/// One kind of interchange file: its columns, which the header must have, which a row must fill, and its key.
/// Reads it with the rules of docs/interchange.md. A row whose key (with <paramref name="alsoUniqueBy"/>, for a file of
/// several rows per key such as review.csv's one row per form and field) repeats an earlier row's is refused.
/// </summary>
internal sealed class InterchangeTable(string key, string[] columns, string[] requiredColumns, string[] nonEmptyColumns, string[] singleLineColumns, string[]? alsoUniqueBy = null)
{
    public const int MaxFieldLength = 1000;
    private const int CancellationCheckInterval = 4096;

    public string Key => key;
    public IReadOnlyList<string> Columns => columns;

    /// <summary>The cell at <paramref name="index"/>; null when the file has no such column or the cell is blank.</summary>
    public static string? Cell(CsvReader reader, int index) =>
        index < 0 || IsBlank(reader.GetSpan(index)) ? null : reader.GetString(index);

    /// <summary>Whether a UTF-8 cell is empty or only whitespace, decided on the bytes so blank cells cost no string.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> cell)
    {
        // Every ASCII character that string.Trim removes, so a cell that is not blank here keeps a character when trimmed.
        var trimmed = cell.Trim(" \t\r\n\v\f"u8);
        if (trimmed.IsEmpty)
        {
            return true;
        }

        // An ASCII non-space at either end settles it; otherwise it may be other Unicode whitespace (no-break space).
        return (trimmed[0] >= 0x80 || trimmed[^1] >= 0x80) && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(trimmed));
    }

    public IEnumerable<T> Read<T>(Stream stream, Func<HeaderIndex, RowMapper<T>> createMapper, Action<CsvRejection> reject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(createMapper);
        ArgumentNullException.ThrowIfNull(reject);
        return ReadIterator(stream, createMapper, reject, cancellationToken);
    }

    private IEnumerable<T> ReadIterator<T>(Stream stream, Func<HeaderIndex, RowMapper<T>> createMapper, Action<CsvRejection> reject, CancellationToken cancellationToken)
    {
        using var cursor = new RecordCursor(stream, cancellationToken);
        var header = ReadHeader(cursor);
        cursor.Shape = new RecordShape(cursor.Reader.FieldCount, Resolve(header, singleLineColumns));
        var map = createMapper(header);
        var keyIndex = header[key];
        var known = Resolve(header, columns);
        var nonEmpty = Resolve(header, nonEmptyColumns);
        var uniqueWith = alsoUniqueBy is null ? [] : Resolve(header, alsoUniqueBy);
        var firstLines = new Dictionary<string, long>(StringComparer.Ordinal);
        void Reject(long line, string reason) => reject(new CsvRejection(line, reason));

        var rows = 0L;
        while (cursor.MoveNext(Reject))
        {
            if (++rows % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var reader = cursor.Reader;
            var structural = cursor.StructuralProblem();
            if (structural is not null)
            {
                Reject(cursor.Line, structural);

                // A quote that is not closed makes one record of several lines: read those lines again on their own.
                if (cursor.SpansLines)
                {
                    cursor.SkipFirstLineOfRecord();
                }

                continue;
            }

            var problem = ContentProblem(reader, known, nonEmpty);
            var id = problem is null ? Cell(reader, keyIndex)!.Trim() : null;
            var unique = id is null || uniqueWith.Length == 0 ? id : string.Join('\u0000', uniqueWith.Select(c => Cell(reader, c.Index)?.Trim()).Prepend(id));
            if (unique is not null && firstLines.TryGetValue(unique, out var firstLine))
            {
                problem = uniqueWith.Length == 0
                    ? $"duplicate {key} (first on line {firstLine})"
                    : $"duplicate {key} and {string.Join(" and ", uniqueWith.Select(c => c.Name))} (first on line {firstLine})";
            }

            var value = problem is null ? map(reader, id!, out problem) : default;
            if (problem is not null)
            {
                Reject(cursor.Line, problem);
                continue;
            }

            firstLines.Add(unique!, cursor.Line);
            yield return value!;
        }
    }

    private HeaderIndex ReadHeader(RecordCursor cursor)
    {
        if (!cursor.MoveNext((_, _) => throw new InterchangeFormatException("The header row has bad quoting: a quoted field is never closed.")))
        {
            throw new InterchangeFormatException("The file is empty: it has no header row.");
        }

        var reader = cursor.Reader;
        if (cursor.Malformed is not null || !Utf8.IsValid(reader.RawRecord))
        {
            throw new InterchangeFormatException("The header row cannot be read: bad quoting or bytes that are not valid UTF-8.");
        }

        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = (reader.GetString(i) ?? "").Trim().ToLowerInvariant();
            if (columns.Contains(name) && !indexes.TryAdd(name, i))
            {
                throw new InterchangeFormatException($"The header has the column {name} more than once.");
            }
        }

        var missing = requiredColumns.Where(column => !indexes.ContainsKey(column)).ToList();
        if (missing.Count > 0)
        {
            throw new InterchangeFormatException($"The header has no {string.Join(", ", missing)} column ({(missing.Count == 1 ? "it is" : "they are")} required).");
        }

        return new HeaderIndex(indexes);
    }

    private static string? ContentProblem(CsvReader reader, (string Name, int Index)[] known, (string Name, int Index)[] nonEmpty)
    {
        // CsvHelper reads bytes; invalid UTF-8 would become U+FFFD in the strings, so such rows are refused whole.
        if (!Utf8.IsValid(reader.RawRecord))
        {
            return "not valid UTF-8";
        }

        foreach (var (name, index) in known)
        {
            var bytes = reader.GetSpan(index);
            if (bytes.Length > MaxFieldLength && Encoding.UTF8.GetCharCount(bytes) > MaxFieldLength)
            {
                return $"{name} is longer than 1,000 characters";
            }
        }

        foreach (var (name, index) in nonEmpty)
        {
            if (IsBlank(reader.GetSpan(index)))
            {
                return $"{name} is empty";
            }
        }

        return null;
    }

    private static (string Name, int Index)[] Resolve(HeaderIndex header, string[] names) =>
        names.Select(name => (name, header[name])).Where(column => column.Item2 >= 0).ToArray();
}
