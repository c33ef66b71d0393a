using System.Diagnostics;

namespace CccdRecon.Cli.Terminal;

/// <summary>
/// A one-line progress bar on standard error. Redraws at most ten times a second on a terminal; when the output is
/// redirected (CI, logs) it prints a plain line at each tenth of the work instead of control characters.
/// </summary>
/// <param name="bytes">true when progress is counted in bytes of a file (shown as MB/s), false for items</param>
internal sealed class ProgressBar(string label, long total, TextWriter? output = null, bool bytes = false) : IDisposable
{
    private readonly TextWriter _out = output ?? Console.Error;
    private readonly bool _interactive = output is null && !Console.IsErrorRedirected;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;
    private int _lastDecile = -1;
    private long _done;

    public void Report(long done)
    {
        _done = done;
        var fraction = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
        if (_interactive)
        {
            var now = _clock.ElapsedMilliseconds;
            if (now - _lastDrawMs < 100 && done < total) return;
            _lastDrawMs = now;
            const int width = 30;
            var filled = (int)(fraction * width);
            _out.Write($"\r{label,-18} [{new string('#', filled)}{new string('.', width - filled)}] {fraction,6:P1} {Rate(done),10}");
        }
        else
        {
            var decile = (int)(fraction * 10);
            if (decile == _lastDecile) return;
            _lastDecile = decile;
            _out.WriteLine($"{label}: {fraction:P0} {Rate(done)}");
        }
    }

    private string Rate(long done)
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        if (seconds < 0.05) return "";
        return bytes ? $"{done / seconds / 1e6:N1} MB/s" : $"{done / seconds:N0}/s";
    }

    public void Dispose()
    {
        if (_interactive)
        {
            Report(Math.Max(_done, total));
            _out.WriteLine();
        }
    }
}
