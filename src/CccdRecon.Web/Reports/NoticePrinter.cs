using CccdRecon.Reports.Pdf;

namespace CccdRecon.Web.Reports;

/// <summary>
/// The console's one headless Chromium for notices as PDF, started at the first PDF asked for and kept for the next
/// (a start costs a second or two; each print is serialized by the printer itself). Stopped with the host.
/// </summary>
public sealed class NoticePrinter : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private ChromiumPdfPrinter? _printer;

    /// <exception cref="ChromiumUnavailableException">No Chromium on this machine, or it would not start.</exception>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var printer = _printer;
        if (printer is null)
        {
            await _start.WaitAsync(cancellationToken);
            try
            {
                printer = _printer ??= await ChromiumPdfPrinter.LaunchAsync(cancellationToken: cancellationToken);
            }
            finally
            {
                _start.Release();
            }
        }
        return await printer.PrintAsync(html, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_printer is not null)
        {
            await _printer.DisposeAsync();
        }
        _start.Dispose();
    }
}
