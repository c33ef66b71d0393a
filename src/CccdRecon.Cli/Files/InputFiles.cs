using System.Globalization;
using System.Security.Cryptography;
using System.Text.Unicode;
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

    /// <summary>Bytes read at a time by <see cref="Fingerprint"/>.</summary>
    private const int FingerprintBuffer = 1 << 20;

    /// <summary>
    /// One pass over the file's bytes, without parsing its rows: its SHA-256 (lower-case hex) and whether every byte of it
    /// is UTF-8. A file that is all UTF-8 cannot have a row rejected as <see cref="NotUtf8Reason"/>, so the encoding rule of
    /// <see cref="CheckReadable"/> cannot refuse it: the rows need not be parsed before a run sends them.
    /// </summary>
    /// <exception cref="CliInputException">The file cannot be read.</exception>
    public static (string Sha256, bool AllUtf8) Fingerprint(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[FingerprintBuffer];
            var (carried, allUtf8) = (0, true);
            int read;
            while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, carried, read);
                var filled = carried + read;
                // A character cut by the end of the buffer is checked with the next bytes: the buffer is checked up to the
                // start of its last character, and that character's bytes are carried to the front.
                var cut = LastCharacterStart(buffer.AsSpan(0, filled));
                allUtf8 = allUtf8 && Utf8.IsValid(buffer.AsSpan(0, cut));
                carried = filled - cut;
                buffer.AsSpan(cut, carried).CopyTo(buffer);
            }
            allUtf8 = allUtf8 && Utf8.IsValid(buffer.AsSpan(0, carried));
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), allUtf8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read {path}: {ex.Message}");
        }
    }

    /// <summary>Where the last (perhaps incomplete) multi-byte character of <paramref name="bytes"/> starts, or its length when it ends in a single-byte one.</summary>
    private static int LastCharacterStart(ReadOnlySpan<byte> bytes)
    {
        // Back over at most three continuation bytes (10xxxxxx) to the lead byte (11xxxxxx) of a character.
        for (var i = bytes.Length - 1; i >= 0 && i >= bytes.Length - 4; i--)
        {
            if ((bytes[i] & 0xC0) == 0xC0)
            {
                return i;
            }
            if ((bytes[i] & 0xC0) != 0x80)
            {
                break;
            }
        }
        return bytes.Length;
    }

    /// <summary>
    /// What a run checks before it sends a file that it parses as it sends, without parsing it through: the header, the
    /// file's bytes (<see cref="Fingerprint"/>), and that a row can be read — read up to the first readable row. A file
    /// that is not all UTF-8 is read through as <see cref="Scan"/> does, so the encoding rule refuses it before anything
    /// is sent. Returns the file's SHA-256.
    /// </summary>
    /// <exception cref="CliInputException">The file is refused, and why.</exception>
    public static string CheckBeforeSending<T>(string path, Func<Stream, Action<CsvRejection>, IEnumerable<T>> read, CancellationToken cancellationToken)
    {
        CheckHeader(path, read);
        var (sha256, allUtf8) = Fingerprint(path, cancellationToken);
        if (!allUtf8)
        {
            Scan(path, read, cancellationToken);
            return sha256;
        }
        var rejections = new List<CsvRejection>();
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var rows = read(stream, rejections.Add).GetEnumerator();
            if (rows.MoveNext())
            {
                return sha256;
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
        throw new CliInputException(NothingRead(path, rejections));
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
