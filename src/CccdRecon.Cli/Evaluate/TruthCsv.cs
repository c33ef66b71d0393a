using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;
using CsvHelper;

namespace CccdRecon.Cli.Evaluate;

/// <summary>One row of truth.csv: which registry record a form really is, and what really needs correcting.</summary>
/// <param name="FormId">the form</param>
/// <param name="RecordId">its registry record, or null when the person is not in the registry</param>
/// <param name="Flags">the <c>field:kind</c> pairs that truly need correction</param>
/// <param name="Damages">every damage applied, cosmetic too, plus tags such as twin, namesake, absent</param>
public sealed record TruthRow(string FormId, string? RecordId, IReadOnlyList<(string Field, string Kind)> Flags, IReadOnlyList<string> Damages);

/// <summary>One row of results.csv as an evaluation needs it.</summary>
public sealed record ResultLine(string FormId, string Status, string? RecordId, IReadOnlyList<(string Field, string Kind)> Flags);

/// <summary>Reads and writes truth.csv (form_id, record_id, flags, damage) and reads results.csv for evaluation.</summary>
public static class TruthCsv
{
    public static readonly string[] Columns = ["form_id", "record_id", "flags", "damage"];

    /// <summary>A writer for our CSV files: RFC 4180 quoting, "\n" line ends.</summary>
    internal static CsvWriter CreateWriter(TextWriter writer) =>
        CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);

    /// <summary>"full_name:spelling;date_of_birth:lunar_date", the results.csv <c>flags</c> format.</summary>
    public static string FormatFlags(IEnumerable<(string Field, string Kind)> flags) => string.Join(';', flags.Select(f => $"{f.Field}:{f.Kind}"));

    /// <summary>Parses a flags cell; a pair without a kind keeps an empty kind so its field still counts.</summary>
    public static IReadOnlyList<(string Field, string Kind)> ParseFlags(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell)) return [];
        return cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split(':', 2, StringSplitOptions.TrimEntries))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : ""))
            .ToArray();
    }

    public static void WriteTruth(TextWriter writer, IEnumerable<TruthRow> rows)
    {
        using var csv = CreateWriter(writer);
        csv.WriteHeader(Columns);
        foreach (var row in rows)
        {
            csv.WriteField(row.FormId);
            csv.WriteField(row.RecordId);
            csv.WriteField(FormatFlags(row.Flags));
            csv.WriteField(string.Join(';', row.Damages));
            csv.EndRecord();
        }
    }

    public static IEnumerable<TruthRow> ReadTruth(TextReader reader) =>
        ReadRows(reader, ["form_id", "record_id", "flags", "damage"], cells => new TruthRow(
            cells[0]!, NullIfEmpty(cells[1]), ParseFlags(cells[2]),
            string.IsNullOrEmpty(cells[3]) ? [] : cells[3]!.Split(';', StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>Reads results.csv with the interchange reader; rows it rejects count as forms without a result.</summary>
    public static IEnumerable<ResultLine> ReadResults(Stream stream) =>
        InterchangeCsv.ReadResults(stream, _ => { }).Select(r => new ResultLine(
            r.FormId, InterchangeNames.StatusName(r.Status), r.RecordId, r.Flags.Select(f => (f.Field, f.Kind)).ToArray()));

    private static IEnumerable<T> ReadRows<T>(TextReader reader, string[] columns, Func<string?[], T> map)
    {
        using var csv = CsvReader.Create(reader, new CsvReaderOptions(), leaveOpen: true);
        var header = csv.Headers.ToArray();
        var indexes = columns.Select(c => Array.FindIndex(header, h => string.Equals(h.Trim().TrimStart('\uFEFF'), c, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (indexes[0] < 0) throw new InvalidDataException($"the file has no {columns[0]} column");
        var cells = new string?[columns.Length];
        while (csv.Read())
        {
            for (var i = 0; i < columns.Length; i++) cells[i] = indexes[i] >= 0 && indexes[i] < csv.FieldCount ? csv.GetString(indexes[i]) : null;
            if (string.IsNullOrWhiteSpace(cells[0])) continue;
            yield return map(cells);
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
