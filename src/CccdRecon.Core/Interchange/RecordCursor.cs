using CsvHelper;

namespace CccdRecon.Core.Interchange;

/// <summary>
/// Walks the records of a CSV input with CsvHelper, giving each its physical line number (the header is line 1,
/// line breaks inside quoted fields count). When a stray quote has made one record of several lines, the lines after
/// its first are read again on their own so the good rows among them are not lost: a <see cref="ResyncScanner"/>
/// rejects those that start malformed records, each well-formed record among them is read by a CsvHelper reader of its
/// own, and streaming with CsvHelper resumes once past the swallowed lines.
/// </summary>
internal sealed class RecordCursor : IDisposable
{
    // Far beyond any real record (twelve columns of at most 1,000 characters); bounds what an unclosed quote can buffer.
    private const int MaxRecordSize = 1024 * 1024;
    private const int CancellationCheckInterval = 4096;

    private readonly JournalStream _journal;
    private readonly CsvReaderOptions _options;
    private readonly CsvReaderOptions _oneRecordOptions;
    private readonly CancellationToken _cancellationToken;
    private readonly Func<int, bool> _fieldHasLineBreak;
    private CsvReader _reader;
    private long _baseOffset;        // offset of the current CsvHelper reader's first byte
    private long _baseLine = 1;      // line number of that byte
    private long _nextRecordStart;   // offset just after the last record returned
    private long _malformedLine;     // line (relative to the reader) of the last malformed record reported by CsvHelper
    private CsvMalformedReason _malformedReason;

    private ResyncScanner? _scanner; // set while reading on after a record that swallowed lines
    private long _candidate;         // there: the next line to judge, and its number
    private long _candidateLine;
    private long _secondLine;        // the second line of the record returned by the scanner, if it has several

    public RecordCursor(Stream stream, CancellationToken cancellationToken = default)
    {
        _journal = new JournalStream(stream);
        _cancellationToken = cancellationToken;
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
        // A reader of one record has no use for a string pool, the largest part of a new reader.
        _oneRecordOptions = _options with { PoolStrings = false };
        _reader = Open();
        _fieldHasLineBreak = index => _reader.GetSpan(index).IndexOfAny((byte)'\r', (byte)'\n') >= 0;
    }

    /// <summary>The CsvHelper reader, positioned on the current record.</summary>
    public CsvReader Reader => _reader;

    /// <summary>Physical line where the current record starts.</summary>
    public long Line { get; private set; }

    /// <summary>Why CsvHelper found the current record's quoting malformed, or null.</summary>
    public CsvMalformedReason? Malformed { get; private set; }

    /// <summary>Whether the current record runs over more than one physical line.</summary>
    public bool SpansLines => _reader.RawRecord.IndexOfAny((byte)'\r', (byte)'\n') >= 0;

    /// <summary>What a well-formed row looks like; set once the header is read, before rows are.</summary>
    public RecordShape? Shape { get; set; }

    /// <summary>Why the current record is not a well-formed row (see <see cref="RecordShape"/>), or null.</summary>
    public string? StructuralProblem() => Shape!.Problem(Malformed, _reader.FieldCount, _fieldHasLineBreak);

    /// <summary>
    /// Moves to the next record. A record too large to buffer (an unclosed quote in a large file), and the lines the
    /// scanner finds starting malformed records, are passed to <paramref name="reject"/> and skipped by their first line.
    /// </summary>
    public bool MoveNext(Action<long, string> reject)
    {
        while (true)
        {
            if (_scanner is not null)
            {
                if (ScanOn(reject))
                {
                    return true;
                }

                // Past the lines the malformed record swallowed: stream again.
                _scanner = null;
                _journal.Rewind(_candidate);
                Restart(_candidateLine);
            }

            bool read;
            try
            {
                read = _reader.Read();
            }
            catch (CsvFormatException exception) when (exception.LineNumber > 0)
            {
                var line = _baseLine + exception.LineNumber - 1;
                reject(line, RecordShape.TooLong);

                // The record starts after the previous one's line break and any empty lines.
                var start = _nextRecordStart;
                while (_journal.Peek(start) is [(byte)'\r' or (byte)'\n', ..])
                {
                    start = _journal.AfterLineBreak(start);
                }

                ReadOnAfter(start, line);
                continue;
            }

            if (!read)
            {
                return false;
            }

            Current();
            return true;
        }
    }

    /// <summary>Reads again from the line after the current record's first line, as if that line were the whole record.</summary>
    public void SkipFirstLineOfRecord()
    {
        if (_scanner is not null)
        {
            // A record the scanner found well formed and CsvHelper did not: judge its later lines too.
            _candidate = _secondLine;
            _candidateLine = Line + 1;
            return;
        }

        ReadOnAfter(_baseOffset + _reader.ByteOffset, Line);
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

    /// <summary>Takes the record CsvHelper has just read as the current one.</summary>
    private void Current()
    {
        Line = _baseLine + _reader.LineNumber - 1;
        Malformed = _malformedLine == _reader.LineNumber ? _malformedReason : null;
        var start = _baseOffset + _reader.ByteOffset;
        _nextRecordStart = start + _reader.RawRecord.Length;
        _journal.KeepFrom(start);
    }

    /// <summary>Reads on from the second line of the rejected record that starts at <paramref name="start"/>, on <paramref name="line"/>.</summary>
    private void ReadOnAfter(long start, long line)
    {
        _journal.Rewind(start);
        _scanner = new ResyncScanner(_journal, Shape ?? throw new InvalidOperationException("The header has not been read."), MaxRecordSize);
        _candidate = _scanner.Begin(start);
        _candidateLine = line + 1;
    }

    /// <summary>
    /// Judges the lines after a malformed record in order, rejecting those that start malformed records, until one
    /// starts a well-formed record (true: it is the current record) or the lines the malformed record covered are
    /// behind (false).
    /// </summary>
    private bool ScanOn(Action<long, string> reject)
    {
        var scanner = _scanner!;
        for (var judged = 1; scanner.Covers(_candidate); judged++)
        {
            if (judged % CancellationCheckInterval == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            _journal.Rewind(_candidate);
            _journal.KeepFrom(_candidate);
            var held = _journal.Peek(_candidate);
            if (held.IsEmpty)
            {
                return false;
            }

            if (held[0] is (byte)'\r' or (byte)'\n')
            {
                // An empty line: CsvHelper skips it too.
                _candidate = _journal.AfterLineBreak(_candidate);
                _candidateLine++;
                continue;
            }

            var problem = scanner.Judge(_candidate, out var end, out var lineBreaks, out var secondLine);
            if (problem is not null)
            {
                reject(_candidateLine, problem);
                _candidate = secondLine;
                _candidateLine++;
                continue;
            }

            // Read this record alone, so CsvHelper does not scan the swallowed lines after it again.
            _reader.Dispose();
            _reader = CsvReader.Create(_journal.CopyAfterLineFeed(_candidate, end), _oneRecordOptions);
            _baseOffset = _candidate - 1;
            _baseLine = _candidateLine - 1;
            _malformedLine = 0;
            _secondLine = secondLine;
            _candidate = scanner.NextLine(end);
            _candidateLine += lineBreaks + 1;
            if (_reader.Read())
            {
                Current();
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts a new CsvHelper reader at the journal's position, which is the start of <paramref name="line"/>.</summary>
    /// <remarks>The reader first reads an empty line the journal serves (see <see cref="JournalStream.ServeLineFeedFirst"/>), one byte and one line before.</remarks>
    private void Restart(long line)
    {
        _reader.Dispose();
        _nextRecordStart = _journal.Position;
        _journal.ServeLineFeedFirst();
        _baseOffset = _journal.Position - 1;
        _baseLine = line - 1;
        _malformedLine = 0;
        _reader = Open();
    }
}
