using System.Globalization;
using CccdRecon.Core.Interchange;

namespace CccdRecon.Cli.Files;

/// <summary>The checks an input file passes before a run does any work with it, each failing in one line.</summary>
internal static class InputFiles
{
    /// <summary>The file exists and its header has the spec's required columns (docs/interchange.md).</summary>
    /// <exception cref="CliInputException">It does not, and why.</exception>
    public static void CheckHeader<T>(string path, Func<Stream, Action<CsvRejection>, IEnumerable<T>> read)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path} does not exist");
        }
        try
        {
            using var stream = File.OpenRead(path);
            using var rows = read(stream, _ => { }).GetEnumerator();
            rows.MoveNext();
        }
        catch (InterchangeFormatException bad)
        {
            throw new CliInputException(Unreadable(path, bad));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read {path}: {ex.Message}");
        }
    }

    /// <summary>
    /// Reads the whole file once, before a run sends or writes anything: how many rows are readable, and every rejected
    /// row. A file of which nothing can be read fails here, in one line that says what its bytes look like.
    /// </summary>
    /// <exception cref="CliInputException">No row of the file can be read, or the file cannot be.</exception>
    public static (long Rows, List<CsvRejection> Rejections) Scan<T>(string path, Func<Stream, Action<CsvRejection>, IEnumerable<T>> read, CancellationToken cancellationToken)
    {
        CheckHeader(path, read);
        var rejections = new List<CsvRejection>();
        long rows = 0;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            foreach (var _ in read(stream, rejections.Add))
            {
                rows++;
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read {path}: {ex.Message}");
        }
        catch (InterchangeFormatException bad)
        {
            throw new CliInputException(Unreadable(path, bad));
        }
        CheckReadable(path, rows, rejections);
        return (rows, rejections);
    }

    /// <summary>
    /// A file is refused when none of its rows could be read, or when most of them are not UTF-8: the file was saved in
    /// another encoding (Windows-1258, TCVN3, VNI), and the few rows that read are the ones that happen to be plain ASCII;
    /// a run on them would be a run on the wrong file.
    /// </summary>
    /// <exception cref="CliInputException">The file is refused, and why.</exception>
    public static void CheckReadable(string path, long rows, IReadOnlyCollection<CsvRejection> rejections)
    {
        if (rows == 0)
        {
            throw new CliInputException(NothingRead(path, rejections));
        }
        var notUtf8 = rejections.Count(r => r.Reason.Contains(NotUtf8Reason, StringComparison.Ordinal));
        if (notUtf8 > rows)
        {
            var looks = TextEncodingGuess.DescribeFile(path) ?? "an encoding other than UTF-8";
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture,
                $"{path} is not UTF-8: {notUtf8:N0} of its {rows + rejections.Count:N0} rows are {NotUtf8Reason} and only {rows:N0} could be read. The file looks like {looks}: save it as UTF-8 CSV (in Excel: \"CSV UTF-8\") and run again."));
        }
    }

    /// <summary>How the reader rejects a row whose bytes are not UTF-8.</summary>
    private const string NotUtf8Reason = "not valid UTF-8";

    /// <summary>The one line for a file whose header (or the file as a whole) cannot be read, with what its bytes look like.</summary>
    public static string Unreadable(string path, InterchangeFormatException bad)
        => $"{path}: {bad.Message}" + (TextEncodingGuess.DescribeFile(path) is { } looks ? $" The file looks like {looks}: save it as UTF-8 CSV (docs/interchange.md)." : "");

    /// <summary>
    /// The one line for a file of which no row could be read although it had rows: how many were rejected, the first
    /// reason, and what its bytes look like (a file saved in Windows-1258 or TCVN3 loses every row to "not valid UTF-8").
    /// </summary>
    public static string NothingRead(string path, IReadOnlyCollection<CsvRejection> rejections)
    {
        var c = CultureInfo.InvariantCulture;
        if (rejections.Count == 0)
        {
            return $"{path} has a header but no rows: nothing to do";
        }
        var first = rejections.First();
        var looks = TextEncodingGuess.DescribeFile(path);
        return string.Create(c, $"no row of {path} could be read: all {rejections.Count:N0} were rejected (first: line {first.Line}, {first.Reason}).")
            + (looks is null ? " See rejected reasons with the line numbers above; the format is docs/interchange.md."
                : $" The file looks like {looks}: save it as UTF-8 CSV (in Excel: \"CSV UTF-8\") and run again.");
    }
}
