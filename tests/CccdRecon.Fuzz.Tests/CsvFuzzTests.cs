using System.Text;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;
using CccdRecon.Fuzz.Tests.Harness;
using Xunit.Abstractions;
using static CccdRecon.Fuzz.Tests.Harness.PropertyViolation;

namespace CccdRecon.Fuzz.Tests;

/// <summary>
/// The interchange readers never throw on a bad row (only <see cref="InterchangeFormatException"/> for a file whose
/// header cannot be read), report every bad row with its line number, and never lose a good row. Half the inputs
/// are free-form fuzz; the other half hide known-good rows between garbage rows, and every good row must come out,
/// in order, with its values, and its line must never be reported.
/// </summary>
public sealed class CsvFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void ReadForms_keeps_every_good_row_and_reports_bad_ones_by_line() =>
        Fuzz("InterchangeCsv.ReadForms", CsvTable.Forms, (stream, reject) => InterchangeCsv.ReadForms(stream, reject)
            .Select(f => new Row(f.FormId, [f.FormId, f.FullName, f.DateOfBirth, f.Gender, f.PersonalId, f.PermanentAddress])));

    [Fact]
    public void ReadRegistry_keeps_every_good_row_and_reports_bad_ones_by_line() =>
        Fuzz("InterchangeCsv.ReadRegistry", CsvTable.Registry, (stream, reject) => InterchangeCsv.ReadRegistry(stream, reject)
            .Select(r => new Row(r.RecordId, [r.RecordId, r.FullName, r.DateOfBirth, r.Gender, r.PersonalId, r.PermanentAddress])));

    [Fact]
    public void ReadResults_keeps_every_good_row_and_reports_bad_ones_by_line() =>
        Fuzz("InterchangeCsv.ReadResults", CsvTable.Results, (stream, reject) => InterchangeCsv.ReadResults(stream, reject)
            .Select(r => new Row(r.FormId, [r.FormId, InterchangeNames.StatusName(r.Status), r.RecordId,
                r.Score.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
                r.Flags.Count == 0 ? null : string.Join(';', r.Flags.Select(f => $"{f.Field}:{f.Kind}"))])));

    private void Fuzz(string target, CsvTable table, Func<Stream, Action<CsvRejection>, IEnumerable<Row>> read) =>
        Fuzzer.Bytes(output, target, rng => rng.Next(2) == 0 ? CsvBytes.Next(rng, Corpus.CsvFiles, Corpus.AllValues) : table.WithGoodRows(rng), bytes =>
        {
            var rejections = new List<CsvRejection>();
            List<Row> rows;
            try
            {
                rows = read(new MemoryStream(bytes, writable: false), rejections.Add).ToList();
            }
            catch (InterchangeFormatException exception)
            {
                // Documented: the header cannot be read. Then no row is returned, and the message quotes no value.
                Require(rejections.Count == 0, "a file-level failure comes before any row is reported");
                Require(!exception.Message.Contains("GOOD-", StringComparison.Ordinal), "the message quotes no value");
                return;
            }

            var lines = CsvTable.PhysicalLines(bytes);
            long previous = 1;
            foreach (var rejection in rejections)
            {
                Require(rejection.Line >= 2 && rejection.Line <= lines, $"a rejection's line {rejection.Line} is a data line of the file (2..{lines})");
                Require(rejection.Line > previous, "rejections come in line order, one per row");
                Require(!string.IsNullOrWhiteSpace(rejection.Reason), "a rejection says why");
                previous = rejection.Line;
            }

            Require(rows.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count() == rows.Count, "keys are unique");
            Require(rows.All(r => r.Key.Length > 0 && r.Key == r.Key.Trim()), "keys are trimmed and never empty");

            // Known-good rows: all of them come out, in order, with their values, and their lines are never rejected.
            var next = 0;
            foreach (var good in table.GoodRowsIn(bytes))
            {
                while (next < rows.Count && rows[next].Key != good.Key) next++;
                Require(next < rows.Count, $"good row {good.Key} on line {good.Line} comes out, after the good rows before it");
                Require(rows[next].Values.SequenceEqual(good.Values), $"good row {good.Key} keeps its values");
                Require(rejections.All(r => r.Line != good.Line), $"the line of good row {good.Key} ({good.Line}) is never rejected");
                Require(!table.HasNames || rejections.All(r => !r.Reason.Contains(good.Values[1]!, StringComparison.Ordinal)), "a rejection quotes no name");
                next++;
            }
        });
}

/// <summary>One row as read: its key and the values a test compares.</summary>
internal sealed record Row(string Key, string?[] Values);

/// <summary>A known-good row hidden in an input, and the physical line it starts on.</summary>
internal sealed record GoodRow(string Key, string?[] Values, long Line);

/// <summary>
/// One interchange file kind: its columns and how to write a good row. Good rows quote every value (values start with a
/// letter or digit), so a quote left open by garbage above them closes on their first quote and makes a stray quote:
/// the garbage record is malformed and cannot legally swallow them.
/// </summary>
internal sealed class CsvTable(
    string[] columns, Dictionary<string, string?[]> choices, string[] required, string[] compared, Func<Func<string, string?>, bool>? consistent = null)
{
    public const string GoodPrefix = "GOOD-";

    /// <summary>Whether the second compared value is a person's name, which no rejection may quote.</summary>
    public bool HasNames => compared[1] == "full_name";
    private const string Note = "đã xác minh";

    private static readonly string?[] Names = ["Nguyễn Văn Hòa", "Lê Thị Mai", "Ksor H'Bia", "NguyÔn V¨n §øc", "Leâ Thò AÙnh", "Tôn Nữ Thị Ngọc Hân"];
    private static readonly string?[] Addresses = ["Số 5, ngõ 12 Láng Hạ, Đống Đa, Hà Nội", "Thôn 3\nxã Quảng Phú", "12 Nguyễn Trãi, Thanh Xuân", null];

    public static readonly CsvTable Forms = new(
        ["form_id", "personal_id", "full_name", "date_of_birth", "gender", "birth_place", "hometown", "ethnicity", "permanent_address", "father_name", "mother_name"],
        new()
        {
            ["full_name"] = Names, ["date_of_birth"] = ["12/03/1990", "1985", "ngày 5 tháng 3 năm 1962", "03/1950", null],
            ["gender"] = ["Nam", "Nữ", "male", "F", null], ["personal_id"] = ["001 090 012 345", "038185001111", "012.345.678", null],
            ["permanent_address"] = Addresses, ["mother_name"] = ["Trần Thị Lan", null],
        },
        ["form_id", "full_name"],
        ["form_id", "full_name", "date_of_birth", "gender", "personal_id", "permanent_address"]);

    public static readonly CsvTable Registry = new(
        ["record_id", "personal_id", "old_id", "full_name", "date_of_birth", "gender", "birth_place", "hometown", "ethnicity", "permanent_address", "father_name", "mother_name"],
        new()
        {
            ["full_name"] = Names, ["date_of_birth"] = ["1990-03-12", "1985-07", "1938", null], ["gender"] = ["male", "female", null],
            ["personal_id"] = ["001090012345", "079075004444", null], ["permanent_address"] = Addresses, ["ethnicity"] = ["Kinh", "H'Mông", null],
        },
        ["record_id", "full_name"],
        ["record_id", "full_name", "date_of_birth", "gender", "personal_id", "permanent_address"]);

    public static readonly CsvTable Results = new(
        ["form_id", "status", "record_id", "score", "flags"],
        new()
        {
            ["status"] = ["clean", "review", "no_match", "ambiguous"], ["record_id"] = ["R-HOA", "R-TWIN-A", "R 17", null],
            ["score"] = ["0.998", "0.000", "1.000", "0.501"],
            ["flags"] = ["full_name:missing_middle_name", "full_name:spelling;date_of_birth:day_month_swapped", null],
        },
        ["form_id", "status", "score"],
        ["form_id", "status", "record_id", "score", "flags"],
        cell => cell("record_id") is not null || cell("status") is "no_match" or "ambiguous");

    /// <summary>
    /// A header in random column order (sometimes with a BOM and an unknown column), then good rows with 0 to 3
    /// garbage rows before and after each; the good rows are listed in the returned input's registry.
    /// </summary>
    public byte[] WithGoodRows(Random rng)
    {
        var header = columns.OrderBy(_ => rng.Next()).ToList();
        if (rng.Next(3) == 0) header.Insert(rng.Next(header.Count + 1), "ghi_chu");
        var newline = rng.Next(2) == 0 ? "\n" : "\r\n";
        var bytes = new List<byte>();
        if (rng.Next(4) == 0) bytes.AddRange(Encoding.UTF8.Preamble);
        bytes.AddRange(Encoding.UTF8.GetBytes(string.Join(',', header) + newline));

        var run = rng.Next();
        for (int k = 0, count = rng.Next(1, 6); k <= count; k++)
        {
            for (var g = rng.Next(0, 4); g > 0; g--)
            {
                bytes.AddRange(Garbage(rng));
                bytes.AddRange(Encoding.UTF8.GetBytes(newline));
            }

            if (k == count) break;
            var row = Row(rng, $"{GoodPrefix}{run}-{k}");
            var cells = header.Select(column => row.GetValueOrDefault(column) ?? (column == "ghi_chu" ? Note : null))
                .Select(value => value is null ? "" : "\"" + value + "\"");
            bytes.AddRange(Encoding.UTF8.GetBytes(string.Join(',', cells) + newline));
        }

        return [.. bytes];
    }

    /// <summary>
    /// The good rows of an input built by <see cref="WithGoodRows"/>, found again in its text: under the generated header,
    /// a line of whole quoted cells whose key is new and each of whose values is one the generator writes. A row that
    /// shrinking has damaged is no longer good, so a minimised failure is still a real one.
    /// </summary>
    public List<GoodRow> GoodRowsIn(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var headerEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (headerEnd < 0) return [];
        var header = text[..headerEnd].TrimStart('\uFEFF').TrimEnd('\r').Split(',');
        if (header.Distinct().Count() != header.Length || !columns.All(header.Contains) || !header.All(c => columns.Contains(c) || c == "ghi_chu"))
        {
            return [];
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);

        var good = new List<GoodRow>();
        var line = 1L;
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('\r' or '\n')) continue;

            if (line > 1 && TryReadGoodRow(text, lineStart, header, out var row) && keys.Add(row.Key))
            {
                good.Add(row with { Line = line });
            }

            if (i < text.Length - 1 && text[i] == '\r' && text[i + 1] == '\n') i++;
            line++;
            lineStart = i + 1;
        }

        return good;
    }

    /// <summary>Physical lines as the reader counts them: CR, LF and CR LF each end one.</summary>
    public static long PhysicalLines(byte[] bytes)
    {
        long lines = 1;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n'))) lines++;
        }

        return lines;
    }

    /// <summary>Reads a good row back from its text: whole quoted cells, as written, possibly over several lines (addresses).</summary>
    private bool TryReadGoodRow(string text, int start, string[] header, out GoodRow row)
    {
        row = null!;
        var cells = new List<string?>();
        var i = start;
        while (true)
        {
            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0) return false;
                cells.Add(text[(i + 1)..close]);
                i = close + 1;
            }
            else
            {
                cells.Add(null);
            }

            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i < text.Length && text[i] is not ('\r' or '\n')) return false;
            break;
        }

        if (cells.Count != header.Length) return false;
        var byColumn = header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        if (byColumn[columns[0]] is not { } key || !IsGoodKey(key)) return false;
        foreach (var (column, value) in byColumn)
        {
            var allowed = column == columns[0] ? [key] : column == "ghi_chu" ? [Note] : choices.GetValueOrDefault(column, []);
            if (value is null ? required.Contains(column) : !allowed.Contains(value)) return false;
        }

        if (consistent is not null && !consistent(byColumn.GetValueOrDefault)) return false;
        row = new GoodRow(key, compared.Select(c => byColumn.GetValueOrDefault(c)).ToArray(), 0);
        return true;
    }

    private static bool IsGoodKey(string key)
    {
        var parts = key.Split('-');
        return parts.Length == 3 && parts[0] + "-" == GoodPrefix && parts[1].Length > 0 && parts[2].Length > 0
            && parts[1].All(char.IsAsciiDigit) && parts[2].All(char.IsAsciiDigit);
    }

    /// <summary>A good row: a value from each column's choices, the required ones never empty.</summary>
    private Dictionary<string, string?> Row(Random rng, string key)
    {
        Func<string, string?> cell;
        Dictionary<string, string?> row;
        do
        {
            row = choices.ToDictionary(c => c.Key, c => c.Value[rng.Next(c.Value.Length)], StringComparer.Ordinal);
            row[columns[0]] = key;
            cell = row.GetValueOrDefault;
        }
        while (required.Any(c => row.GetValueOrDefault(c) is null) || (consistent is not null && !consistent(cell)));

        return row;
    }

    private static byte[] Garbage(Random rng)
    {
        var seed = Corpus.CsvFiles[rng.Next(Corpus.CsvFiles.Length)];
        var seedLines = Encoding.UTF8.GetString(seed).Split('\n');
        return rng.Next(10) switch
        {
            < 5 => CsvBytes.Mutate(rng, Encoding.UTF8.GetBytes(seedLines[rng.Next(1, seedLines.Length)]), Corpus.CsvFiles, rng.Next(1, 4)),
            < 7 => Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, rng.Next(1, 14)).Select(_ => rng.Next(3) switch
            {
                0 => "\"" + Strings.Next(rng, Corpus.AllValues, huge: false),
                1 => "\"" + Strings.Next(rng, Corpus.AllValues, huge: false) + "\"",
                _ => Strings.Next(rng, Corpus.AllValues, huge: false),
            }))),
            < 9 => CsvBytes.RandomBytes(rng, rng.Next(0, 60)),
            // Rarely, a quote left open on a line longer than the reader's 1 MiB record limit.
            _ => rng.Next(5_000) == 0 ? [.. "X,\""u8, .. new byte[rng.Next(1_000_000, 1_100_000)]] : "X,\"Lê Thị,1990"u8.ToArray(),
        };
    }

}
