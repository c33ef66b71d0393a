using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Interchange;

/// <summary>A row that could not be read: its physical line number in the file (header is line 1) and why.</summary>
public sealed record CsvRejection(long Line, string Reason);

/// <summary>
/// Reads and writes the interchange CSV files (../shared/spec/interchange.md, copied to docs/interchange.md).
/// Readers stream, never throw on a bad row (they report it and go on) and never lose good rows.
/// </summary>
public static class InterchangeCsv
{
    /// <summary>Streams registry.csv records; every unreadable row is passed to <paramref name="reject"/>.</summary>
    public static IEnumerable<RegistryRecord> ReadRegistry(Stream stream, Action<CsvRejection> reject, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Streams forms.csv forms; every unreadable row is passed to <paramref name="reject"/>.</summary>
    public static IEnumerable<SurveyForm> ReadForms(Stream stream, Action<CsvRejection> reject, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public static void WriteRegistry(TextWriter writer, IEnumerable<RegistryRecord> records) => throw new NotImplementedException();
    public static void WriteForms(TextWriter writer, IEnumerable<SurveyForm> forms) => throw new NotImplementedException();
    public static void WriteRejections(TextWriter writer, IEnumerable<CsvRejection> rejections) => throw new NotImplementedException();
}
