namespace CccdRecon.Cli.Files;

/// <summary>
/// A file on this machine whose read or write failures (a full disk, a lost mount) surface as one
/// <see cref="CliInputException"/> naming the file, never as a bare <see cref="IOException"/>. A bare one would be
/// taken for the network's: <c>cccdrecon batch</c> answers a broken connection with exit code 3 ("run it again to
/// resume"), and a script retrying a full disk would retry forever (issue 12 point 10). The offline commands would
/// print a stack trace.
/// </summary>
internal sealed class LocalFileStream : Stream
{
    private readonly FileStream _inner;
    /// <summary>What this stream does, for errors: "write results.csv".</summary>
    private readonly string _what;

    private LocalFileStream(FileStream inner, string name)
    {
        _inner = inner;
        _what = _inner.CanWrite ? "write " + name : "read " + name;
    }

    /// <summary>Opens <paramref name="path"/> for a sequential read.</summary>
    public static LocalFileStream OpenRead(string path) => Guard("open " + path, () =>
        new LocalFileStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), path));

    /// <summary>Creates (or replaces) <paramref name="path"/> for writing; <paramref name="name"/> is what errors call it.</summary>
    public static LocalFileStream Create(string path, string name) => Guard("create " + name, () =>
        new LocalFileStream(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), name));

    public override bool CanRead => _inner.CanRead;
    public override bool CanSeek => _inner.CanSeek;
    public override bool CanWrite => _inner.CanWrite;
    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Guard(_what, () => _inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _inner.Read(buffer);
        }
        catch (Exception ex) when (IsFileFailure(ex))
        {
            throw Failure(_what, ex);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (IsFileFailure(ex))
        {
            throw Failure(_what, ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Guard(_what, () => _inner.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _inner.Write(buffer);
        }
        catch (Exception ex) when (IsFileFailure(ex))
        {
            throw Failure(_what, ex);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await _inner.WriteAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (IsFileFailure(ex))
        {
            throw Failure(_what, ex);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => Guard(_what, _inner.Flush);

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _inner.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (IsFileFailure(ex))
        {
            throw Failure(_what, ex);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void SetLength(long value) => Guard(_what, () => _inner.SetLength(value));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A FileStream writes what it buffers when it is closed: that write can fail too.
            Guard(_what, _inner.Dispose);
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await _inner.DisposeAsync();
        }
        catch (Exception ex) when (IsFileFailure(ex))
        {
            throw Failure(_what, ex);
        }
        finally
        {
            await base.DisposeAsync();
        }
    }

    private static bool IsFileFailure(Exception ex) => ex is IOException or UnauthorizedAccessException;

    /// <param name="what">What was being done: "write results.csv".</param>
    private static CliInputException Failure(string what, Exception ex) => new($"cannot {what}: {ex.Message}");

    private static void Guard(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (IsFileFailure(ex))
        {
            throw Failure(what, ex);
        }
    }

    private static T Guard<T>(string what, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (IsFileFailure(ex))
        {
            throw Failure(what, ex);
        }
    }
}
