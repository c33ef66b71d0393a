using CsvHelper;

namespace CccdRecon.Core.Interchange;

/// <summary>
/// What a well-formed row of one file looks like: its quoting is sound, it has the header's number of fields, and the
/// columns that hold one line (keys, names) have no line break. A row that breaks one of these rules may be a quote
/// that swallowed the lines after it, so the reader reads those lines again.
/// </summary>
internal sealed class RecordShape(int columnCount, (string Name, int Index)[] singleLineColumns)
{
    public const string TooLong = "the row is over 1 MiB, too long to read (a quoted field is probably never closed)";

    /// <summary>Why a record with this quoting problem, field count and fields holding line breaks is not a well-formed row, or null.</summary>
    public string? Problem(CsvMalformedReason? malformed, long fieldCount, Func<int, bool> hasLineBreak)
    {
        if (malformed is { } reason)
        {
            return reason == CsvMalformedReason.UnterminatedQuote
                ? "bad quoting: a quoted field is never closed"
                : "bad quoting: a stray quote";
        }

        if (fieldCount != columnCount)
        {
            return $"wrong column count: {fieldCount} fields where the header has {columnCount}";
        }

        foreach (var (name, index) in singleLineColumns)
        {
            if (hasLineBreak(index))
            {
                return $"{name} contains a line break (a quote is probably not closed)";
            }
        }

        return null;
    }
}
