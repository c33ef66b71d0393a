using CsvHelper;

namespace CccdRecon.Core.Interchange;

/// <summary>
/// Walks the records of a CSV input with CsvHelper, giving each its physical line number (the header is line 1,
/// line breaks inside quoted fields count), and restarts the CsvHelper reader at the next physical line when a
/// stray quote has made one record of several lines, so the good rows after it are not lost.
/// </summary>
internal sealed class RecordCursor : IDisposable
{
    // Far beyond any real record (twelve columns of at most 1,000 characters); bounds what an unclosed quote can buffer.
    private const int MaxRecordSize = 1024 * 1024;

    private readonly JournalStream _journal;
    private readonly CsvReaderOptions _options;
    private CsvReader _reader;
    private long _baseOffset;        // offset of the current CsvHelper reader's first byte
    private long _baseLine = 1;      // line number of that byte
    private long _nextRecordStart;   // offset just after the last record returned
    private long _malformedLine;     // line (relative to the reader) of the last malformed record reported by CsvHelper
    private CsvMalformedReason _malformedReason;

    public RecordCursor(Stream stream)
    {
        _journal = new JournalStream(stream);
        _options = CsvReaderOptions.Default with
        {
            Separator = ',',
            Mode = CsvMode.Rfc4180,
            // The header is read as a record, so that a reader restarted mid-file reads like the first one.
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MaxRecordSize = MaxRecordSize,
            IncludeValuesInExceptions = false,
            // The batch keeps every record in memory: repeated values (gender, ethnicity, provinces) become one string each.
            PoolStrings = true,
            OnMalformedRecord = OnMalformed,
        };
        _reader = Open();
    }

    /// <summary>The CsvHelper reader, positioned on the current record.</summary>
    public CsvReader Reader => _reader;

    /// <summary>Physical line where the current record starts.</summary>
    public long Line { get; private set; }

    /// <summary>Why CsvHelper found the current record's quoting malformed, or null.</summary>
    public CsvMalformedReason? Malformed { get; private set; }

    /// <summary>Whether the current record runs over more than one physical line.</summary>
    public bool SpansLines => _reader.RawRecord.IndexOfAny((byte)'\r', (byte)'\n') >= 0;

    /// <summary>
    /// Moves to the next record. A record too large to buffer (an unclosed quote in a large file) is passed to
    /// <paramref name="reject"/> and skipped by its first line.
    /// </summary>
    public bool MoveNext(Action<long, string> reject)
    {
        while (true)
        {
            bool read;
            try
            {
                read = _reader.Read();
            }
            catch (CsvFormatException exception) when (exception.LineNumber > 0)
            {
                var line = _baseLine + exception.LineNumber - 1;
                reject(line, "the row is over 1 MiB, too long to read (a quoted field is probably never closed)");

                // The record starts after the previous one's line break and any empty lines; skip its first line.
                _journal.Rewind(_nextRecordStart);
                while (_journal.SkipLine() == 0)
                {
                }

                // A second oversized record right after this one must be skipped from here, not from the same start again.
                _nextRecordStart = _journal.Position;
                Restart(line + 1);
                continue;
            }

            if (!read)
            {
                return false;
            }

            Line = _baseLine + _reader.LineNumber - 1;
            Malformed = _malformedLine == _reader.LineNumber ? _malformedReason : null;
            var start = _baseOffset + _reader.ByteOffset;
            _nextRecordStart = start + _reader.RawRecord.Length;
            _journal.KeepFrom(start);
            return true;
        }
    }

    /// <summary>Reads again from the line after the current record's first line, as if that line were the whole record.</summary>
    public void SkipFirstLineOfRecord()
    {
        _journal.Rewind(_baseOffset + _reader.ByteOffset);
        _journal.SkipLine();
        Restart(Line + 1);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _journal.Dispose();
    }

    private CsvReader Open() => CsvReader.Create(_journal, _options, leaveOpen: true);

    private void OnMalformed(CsvMalformedRecord record)
    {
        _malformedLine = record.LineNumber;
        _malformedReason = record.Reason;
    }

    /// <summary>Starts a new CsvHelper reader at the journal's position, which is the start of <paramref name="line"/>.</summary>
    /// <remarks>The reader first reads an empty line the journal serves (see <see cref="JournalStream.ServeLineFeedFirst"/>), one byte and one line before.</remarks>
    private void Restart(long line)
    {
        _reader.Dispose();
        _journal.ServeLineFeedFirst();
        _baseOffset = _journal.Position - 1;
        _baseLine = line - 1;
        _malformedLine = 0;
        _reader = Open();
    }
}
