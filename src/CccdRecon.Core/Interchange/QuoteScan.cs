using CsvHelper;

namespace CccdRecon.Core.Interchange;

internal enum QuoteState : byte
{
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// <summary>
/// The quoting rules CsvHelper 34 reads by in RFC 4180 mode with <see cref="CsvMalformedDataHandling.Recover"/>, as a
/// state machine over the bytes of one record: a quote opens a quoted field only at the start of a field; elsewhere in
/// an unquoted field it is text (a stray quote); text after a closing quote makes the rest of the field unquoted; a line
/// break ends the record unless it is inside a quoted field; a quoted field still open at the end of the input is never
/// closed. It lets the reader find where a record ends and whether it is well formed without CsvHelper.
/// </summary>
internal struct QuoteScan
{
    public QuoteState State;

    /// <summary>0-based index of the field being read.</summary>
    public long Field;

    /// <summary>The record's first quoting problem so far (CsvHelper reports only the first).</summary>
    public CsvMalformedReason? Malformed;

    /// <summary>Reads bytes of one line (no CR or LF among them).</summary>
    public void Feed(ReadOnlySpan<byte> line)
    {
        var i = 0;
        while (i < line.Length)
        {
            switch (State)
            {
                case QuoteState.Quoted:
                    var quote = line[i..].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        return;
                    }

                    i += quote + 1;
                    State = QuoteState.QuoteInQuoted;
                    break;

                case QuoteState.Unquoted:
                    var stop = line[i..].IndexOfAny((byte)'"', (byte)',');
                    if (stop < 0)
                    {
                        return;
                    }

                    i += stop;
                    if (line[i++] == (byte)',')
                    {
                        NextField();
                    }
                    else
                    {
                        Malformed ??= CsvMalformedReason.StrayQuote;
                    }

                    break;

                case QuoteState.FieldStart:
                    var first = line[i++];
                    if (first == (byte)'"')
                    {
                        State = QuoteState.Quoted;
                    }
                    else if (first == (byte)',')
                    {
                        Field++;
                    }
                    else
                    {
                        State = QuoteState.Unquoted;
                    }

                    break;

                default: // QuoteInQuoted: the quote just read closes the field unless another follows it
                    var next = line[i++];
                    if (next == (byte)'"')
                    {
                        State = QuoteState.Quoted;
                    }
                    else if (next == (byte)',')
                    {
                        NextField();
                    }
                    else
                    {
                        Malformed ??= CsvMalformedReason.TextAfterClosingQuote;
                        State = QuoteState.Unquoted;
                    }

                    break;
            }
        }
    }

    /// <summary>The input ends here: a quoted field still open is never closed.</summary>
    public void End()
    {
        if (State == QuoteState.Quoted)
        {
            Malformed ??= CsvMalformedReason.UnterminatedQuote;
        }
    }

    private void NextField()
    {
        Field++;
        State = QuoteState.FieldStart;
    }
}
