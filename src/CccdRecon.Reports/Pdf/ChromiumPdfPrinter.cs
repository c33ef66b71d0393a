using Microsoft.Playwright;

namespace CccdRecon.Reports.Pdf;

/// <summary>Chromium could not be found or started: PDFs cannot be made on this machine.</summary>
public sealed class ChromiumUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Prints HTML to PDF with the machine's own Chromium (Debian's <c>chromium</c>), driven by Microsoft.Playwright: one
/// browser and one page serve every document, so a batch of communes costs one browser start (about 0.7 s) and then
/// tens of milliseconds a commune, where a <c>chromium --print-to-pdf</c> process per file costs about a second each.
/// Nothing is downloaded: Playwright only drives the executable it is given.
/// </summary>
/// <remarks>Not thread-safe per call: documents print one at a time (the page is shared); calls are serialised.</remarks>
public sealed class ChromiumPdfPrinter : IAsyncDisposable
{
    /// <summary>Environment variable naming the Chromium executable when it is not in a standard place.</summary>
    public const string ExecutableVariable = "CCCDRECON_CHROMIUM";

    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    // The switches that work in this environment (containers without a sandbox or GPU, no network needed).
    private static readonly string[] Switches =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
    ];

    // A4 (297 mm) less the notices' top and bottom @page margins (14 mm, 12 mm), and 176 mm of width (210 less 16 + 18).
    private const double ContentHeightMm = 297 - 14 - 12 - 1;
    private const int ContentWidthPx = 665;

    private const string FitScript = """
        ([name, heightMm]) => {
          const limit = heightMm * 96 / 25.4;
          for (const section of document.getElementsByClassName(name)) {
            const height = section.getBoundingClientRect().height;
            if (height > limit) section.style.zoom = (Math.floor(limit / height * 1000) / 1000).toString();
          }
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IPage _page;
    private readonly SemaphoreSlim _one = new(1, 1);

    private ChromiumPdfPrinter(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _page = page;
    }

    /// <summary>The Chromium to use: <see cref="ExecutableVariable"/> if set, else the first standard path that exists; null when none.</summary>
    public static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
        return KnownPaths.FirstOrDefault(File.Exists);
    }

    /// <summary>Starts Chromium headless.</summary>
    /// <exception cref="ChromiumUnavailableException">No Chromium, or it would not start.</exception>
    public static async Task<ChromiumPdfPrinter> LaunchAsync(string? executablePath = null, CancellationToken cancellationToken = default)
    {
        executablePath ??= FindExecutable()
            ?? throw new ChromiumUnavailableException($"no Chromium found (looked at {string.Join(", ", KnownPaths)} and ${ExecutableVariable}); on Debian: apt-get install chromium");
        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executablePath,
                Headless = true,
                Args = Switches,
                Timeout = 60_000,
            }).WaitAsync(cancellationToken).ConfigureAwait(false);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { Offline = true, Locale = "vi-VN" }).ConfigureAwait(false);
            var page = await context.NewPageAsync().ConfigureAwait(false);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print }).ConfigureAwait(false);
            await page.SetViewportSizeAsync(ContentWidthPx, 1000).ConfigureAwait(false);
            return new ChromiumPdfPrinter(playwright, browser, page);
        }
        catch (PlaywrightException e)
        {
            playwright?.Dispose();
            throw new ChromiumUnavailableException($"Chromium at {executablePath} did not start: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>Prints one HTML document (with its own <c>@page</c> rules) to PDF bytes.</summary>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 }).ConfigureAwait(false);
            // Print only once every font the page uses is loaded, or glyphs could come from a fallback font.
            await _page.EvaluateAsync("document.fonts.ready.then(() => true)").ConfigureAwait(false);
            // Laid out as printed (print media, the page's content width), a notice still taller than the page is
            // scaled down to fit it: one household, one sheet of paper.
            await _page.EvaluateAsync(FitScript, new object[] { Notices.NoticeDocument.SectionClass, ContentHeightMm }).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return await _page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true, Format = "A4" }).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _browser.CloseAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            // Already gone: nothing to close.
        }

        _playwright.Dispose();
        _one.Dispose();
    }

    private static string FirstLine(string text)
    {
        var line = text.AsSpan().Trim();
        int end = line.IndexOfAny('\r', '\n');
        return (end < 0 ? line : line[..end]).ToString();
    }
}
