using CsvHelper;

namespace CccdRecon.Core.Interchange;

/// <summary>
/// Reads on, line by line, after a record that a stray quote made run over several lines, deciding for each line
/// whether the record it starts is well formed without handing it to CsvHelper, in time linear in the input.
/// </summary>
/// <remarks>
/// <para>
/// Restarting CsvHelper at each line is quadratic when every line reopens a quote (<c>x","y</c>): each line's record
/// runs to the end of the input (or the 1 MiB limit) and is scanned again. But a line break inside a record is always
/// inside a quoted field, so a record that starts at a later line and runs past its own first line break is, from that
/// line break on, in the same state as the longer record that contains it: it ends where that one ends, with the same
/// fields and quoting problems. This class scans such a record (the <em>region</em>) once, keeping for each of its line
/// breaks the field it falls in and the first quoting problem after it, and judges every later line inside it by
/// <see cref="QuoteScan"/> over that line alone plus those notes.
/// </para>
/// <para>
/// The region is scanned only as far as a judgement needs (its end, or 1 MiB past the line judged: a longer record is
/// too long anyway), and lines are judged in order, so the journal holds at most about 1 MiB and the notes cover no more.
/// </para>
/// </remarks>
internal sealed class ResyncScanner
{
    private readonly JournalStream _journal;
    private readonly RecordShape _shape;
    private readonly int _maxRecordSize;
    private readonly Queue<(long At, long Field)> _breaks = new();
    private readonly Queue<(long At, CsvMalformedReason Reason)> _problems = new();
    private readonly Dictionary<long, int> _breaksInField = [];
    private readonly Func<int, bool> _regionLineBreak;
    private static readonly Func<int, bool> NoLineBreak = _ => false;

    private bool _active;       // a region is known
    private bool _ended;        // its end has been reached, at _end (its last line break, or the end of input)
    private long _end;
    private long _frontier;     // how far the region has been scanned
    private QuoteScan _scan;    // the region's state there; Malformed is the first problem since _segment
    private long _segment;      // the region's last line break scanned
    private long _shift;        // field index in the record judged minus field index in the region, at its first line break

    public ResyncScanner(JournalStream journal, RecordShape shape, int maxRecordSize)
    {
        _journal = journal;
        _shape = shape;
        _maxRecordSize = maxRecordSize;
        _regionLineBreak = index => _breaksInField.TryGetValue(index - _shift, out var count) && count > 0;
    }

    /// <summary>
    /// Starts reading on after the rejected record at <paramref name="start"/>; returns where its second line starts
    /// (or the end of input). The record becomes the region when it runs over several lines.
    /// </summary>
    public long Begin(long start)
    {
        _active = false;
        var first = ScanLine(start, out var lineEnd);
        if (first.State == QuoteState.Quoted && !_journal.Peek(lineEnd).IsEmpty)
        {
            StartRegion(first, lineEnd);
        }

        return NextLine(lineEnd);
    }

    /// <summary>
    /// Whether the region still covers the line at <paramref name="start"/>: past it, there is nothing to reuse and
    /// CsvHelper reads on as usual. Scans the region up to there, so that its bytes can be dropped.
    /// </summary>
    public bool Covers(long start)
    {
        Advance(start);
        return _active && (!_ended || start <= _end);
    }

    /// <summary>
    /// Judges the record that starts at the (non-empty) line at <paramref name="start"/>: null when it is well formed,
    /// with its <paramref name="end"/> and the number of line breaks inside it; otherwise why not.
    /// </summary>
    /// <param name="secondLine">Where the line after the record's first line starts (or the end of input).</param>
    public string? Judge(long start, out long end, out int lineBreaks, out long secondLine)
    {
        var first = ScanLine(start, out var lineEnd);
        secondLine = NextLine(lineEnd);
        end = lineEnd;
        lineBreaks = 0;
        if (first.State != QuoteState.Quoted || _journal.Peek(lineEnd).IsEmpty)
        {
            // The record is this line alone.
            first.End();
            return lineEnd - start > _maxRecordSize ? RecordShape.TooLong : _shape.Problem(first.Malformed, first.Field + 1, NoLineBreak);
        }

        Advance(lineEnd + 1);
        Drop(lineEnd);
        if (_breaks.Count == 0 || _breaks.Peek().At != lineEnd)
        {
            // Its first line break is not inside the region (the region ended at it): this record is the new region.
            StartRegion(first, lineEnd);
        }

        Advance(start + _maxRecordSize + 1);
        if (!_ended || _end - start > _maxRecordSize)
        {
            return RecordShape.TooLong;
        }

        var regionField = _breaks.Peek().Field;
        _shift = first.Field - regionField;
        var malformed = first.Malformed ?? (_problems.Count > 0 ? _problems.Peek().Reason : null);
        var fields = first.Field + (_scan.Field + 1 - regionField);
        end = _end;
        lineBreaks = _breaks.Count;
        return _shape.Problem(malformed, fields, _regionLineBreak);
    }

    /// <summary>Where the line after the line break at <paramref name="lineEnd"/> starts, or the end of input.</summary>
    public long NextLine(long lineEnd) => _journal.Peek(lineEnd).IsEmpty ? lineEnd : _journal.AfterLineBreak(lineEnd);

    /// <summary>
    /// Runs the quote state machine over the line at <paramref name="start"/> as the first line of a record. A line
    /// longer than a record may be is not held: it can only be rejected.
    /// </summary>
    private QuoteScan ScanLine(long start, out long lineEnd)
    {
        var scan = default(QuoteScan);
        var at = start;
        while (true)
        {
            var held = _journal.Peek(at);
            if (held.IsEmpty)
            {
                break;
            }

            var lineBreak = held.IndexOfAny((byte)'\r', (byte)'\n');
            var piece = lineBreak < 0 ? held : held[..lineBreak];
            scan.Feed(piece);
            at += piece.Length;
            if (lineBreak >= 0)
            {
                break;
            }

            if (at - start > _maxRecordSize)
            {
                Advance(at);
                _journal.Release(at);
            }
        }

        lineEnd = at;
        return scan;
    }

    /// <summary>Makes the record whose first line (read as <paramref name="first"/>) ends in quotes at <paramref name="lineEnd"/> the region.</summary>
    private void StartRegion(QuoteScan first, long lineEnd)
    {
        _breaks.Clear();
        _problems.Clear();
        _breaksInField.Clear();
        _active = true;
        _ended = false;
        _scan = first with { Malformed = null };
        AddLineBreak(lineEnd);
        _frontier = _journal.AfterLineBreak(lineEnd);
    }

    /// <summary>Scans the region on to <paramref name="target"/> or its end, noting its line breaks and quoting problems.</summary>
    private void Advance(long target)
    {
        while (_active && !_ended && _frontier < target)
        {
            var held = _journal.Peek(_frontier);
            if (held.IsEmpty)
            {
                _scan.End();
                Finish(_frontier);
                return;
            }

            var limit = (int)Math.Min(held.Length, target - _frontier);
            var lineBreak = held[..limit].IndexOfAny((byte)'\r', (byte)'\n');
            var piece = lineBreak < 0 ? held[..limit] : held[..lineBreak];
            _scan.Feed(piece);
            _frontier += piece.Length;
            if (lineBreak < 0)
            {
                continue;
            }

            if (_scan.State != QuoteState.Quoted)
            {
                Finish(_frontier);
                return;
            }

            CloseSegment();
            AddLineBreak(_frontier);
            _frontier = _journal.AfterLineBreak(_frontier);
        }
    }

    private void Finish(long end)
    {
        CloseSegment();
        _ended = true;
        _end = end;
    }

    private void AddLineBreak(long at)
    {
        _segment = at;
        _breaks.Enqueue((at, _scan.Field));
        _breaksInField[_scan.Field] = _breaksInField.GetValueOrDefault(_scan.Field) + 1;
    }

    /// <summary>Notes the first quoting problem since the last line break, which a record starting at that line break shares.</summary>
    private void CloseSegment()
    {
        if (_scan.Malformed is { } reason)
        {
            _problems.Enqueue((_segment, reason));
            _scan.Malformed = null;
        }
    }

    /// <summary>Forgets the notes before <paramref name="offset"/>: lines are judged in order.</summary>
    private void Drop(long offset)
    {
        while (_breaks.Count > 0 && _breaks.Peek().At < offset)
        {
            var field = _breaks.Dequeue().Field;
            if (--_breaksInField[field] == 0)
            {
                _breaksInField.Remove(field);
            }
        }

        while (_problems.Count > 0 && _problems.Peek().At < offset)
        {
            _problems.Dequeue();
        }
    }
}
