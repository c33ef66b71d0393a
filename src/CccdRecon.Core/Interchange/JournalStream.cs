namespace CccdRecon.Core.Interchange;

/// <summary>
/// A read-only stream over the input that keeps the bytes from a caller-set mark onward, so that reading can restart
/// at an earlier offset without seeking: a stray quote can swallow lines the CSV reader has already consumed, and
/// those lines must be read again. Offsets are absolute, counted from the first byte of the input.
/// </summary>
internal sealed class JournalStream(Stream source) : Stream
{
    private byte[] _buffer = new byte[128 * 1024];
    private long _bufferStart; // offset of _buffer[0]
    private int _length;       // bytes held
    private long _position;    // offset of the next byte served
    private long _keepFrom;    // bytes before this offset may be dropped
    private bool _lineFeedFirst;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes before <paramref name="offset"/> will not be read again.</summary>
    public void KeepFrom(long offset) => _keepFrom = Math.Max(_keepFrom, offset);

    /// <summary>Serves the input again from <paramref name="offset"/>, which must not be before the mark.</summary>
    public void Rewind(long offset)
    {
        if (offset < _bufferStart || offset > _bufferStart + _length)
        {
            throw new InvalidOperationException("The journal no longer holds that offset.");
        }

        _position = offset;
    }

    /// <summary>Bytes before <paramref name="offset"/> will not be read again, nor served: reading goes on from there at the latest.</summary>
    public void Release(long offset)
    {
        KeepFrom(offset);
        _position = Math.Max(_position, offset);
    }

    /// <summary>
    /// The bytes held from <paramref name="offset"/> on (not before the mark), reading more from the source when none
    /// are held; empty at the end of the input. Valid until the next call on this stream.
    /// </summary>
    public ReadOnlySpan<byte> Peek(long offset)
    {
        if (offset < _bufferStart)
        {
            throw new InvalidOperationException("The journal no longer holds that offset.");
        }

        while (offset >= _bufferStart + _length)
        {
            if (Fill() == 0)
            {
                return default;
            }
        }

        return _buffer.AsSpan((int)(offset - _bufferStart), (int)(_bufferStart + _length - offset));
    }

    /// <summary>The offset of the line after the line break at <paramref name="offset"/> (CR, LF or CR LF).</summary>
    public long AfterLineBreak(long offset)
    {
        if (Peek(offset)[0] == (byte)'\r')
        {
            var next = Peek(offset + 1);
            if (!next.IsEmpty && next[0] == (byte)'\n')
            {
                return offset + 2;
            }
        }

        return offset + 1;
    }

    /// <summary>A copy of the held bytes from <paramref name="start"/> to <paramref name="end"/>, after one line feed (see <see cref="ServeLineFeedFirst"/>).</summary>
    public byte[] CopyAfterLineFeed(long start, long end)
    {
        var copy = new byte[end - start + 1];
        copy[0] = (byte)'\n';
        Peek(start)[..(int)(end - start)].CopyTo(copy.AsSpan(1));
        return copy;
    }

    /// <summary>
    /// Serves one line feed, not part of the input, before the next byte. A CSV reader started mid-file then reads an
    /// empty line first and never takes the next line's first bytes for a UTF-16 byte order mark (FF FE or FE FF),
    /// which would make it read everything after as UTF-16.
    /// </summary>
    public void ServeLineFeedFirst() => _lineFeedFirst = true;

    /// <summary>
    /// Consumes the rest of the line at the current position and its line break (CR, LF and CR LF each end a line),
    /// dropping the bytes as it goes so that even a huge line costs no memory.
    /// </summary>
    /// <returns>1 when the line had text before its line break, 0 when it was empty, -1 at the end of the input.</returns>
    public int SkipLine()
    {
        var content = false;
        while (true)
        {
            if (_position == _bufferStart + _length && Fill() == 0)
            {
                return content ? 1 : -1;
            }

            var held = _buffer.AsSpan((int)(_position - _bufferStart), (int)(_bufferStart + _length - _position));
            var found = held.IndexOfAny((byte)'\r', (byte)'\n');
            if (found < 0)
            {
                content = true;
                _position += held.Length;
                KeepFrom(_position);
                continue;
            }

            content |= found > 0;
            _position += found + 1;
            if (held[found] == (byte)'\r' && (_position < _bufferStart + _length || Fill() > 0) && _buffer[_position - _bufferStart] == (byte)'\n')
            {
                _position++;
            }

            return content ? 1 : 0;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (_lineFeedFirst)
        {
            _lineFeedFirst = false;
            destination[0] = (byte)'\n';
            return 1;
        }

        if (_position == _bufferStart + _length && Fill() == 0)
        {
            return 0;
        }

        var held = _buffer.AsSpan((int)(_position - _bufferStart), (int)(_bufferStart + _length - _position));
        var count = Math.Min(held.Length, destination.Length);
        held[..count].CopyTo(destination);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Appends the next block of the source; returns how many bytes came (0 at the end).</summary>
    private int Fill()
    {
        if (_length == _buffer.Length)
        {
            MakeRoom();
        }

        var read = source.Read(_buffer, _length, _buffer.Length - _length);
        _length += read;
        return read;
    }

    private void MakeRoom()
    {
        var keep = Math.Min(_keepFrom, _position);
        var drop = (int)Math.Clamp(keep - _bufferStart, 0, _length);
        if (drop >= _buffer.Length / 2)
        {
            Buffer.BlockCopy(_buffer, drop, _buffer, 0, _length - drop);
            _bufferStart += drop;
            _length -= drop;
        }
        else
        {
            // The mark is far back (a long record is being read): grow rather than lose bytes still needed.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }
}
