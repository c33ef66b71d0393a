using System.Text.RegularExpressions;
using CccdRecon.Contracts.V1;
using CccdRecon.Core.Dates;
using CccdRecon.Reports.Pdf;
using CccdRecon.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CccdRecon.Web.Tests.Infrastructure;

/// <summary>Skips, saying why, where no Chromium is installed (CI installs Debian's; see .ci/run).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ChromiumPdfPrinter.FindExecutable() is null)
        {
            Skip = "needs Chromium (Debian: apt-get install chromium); none found";
        }
    }
}

/// <summary>
/// The real server (Development, its console on its own loopback port) with a unit's worth of cases of every kind, and
/// one Chromium for the tests' browser contexts. Seeded over gRPC as an upstream system would.
/// </summary>
public sealed partial class ConsoleFixture : IAsyncLifetime
{
    public const string Unit = People.Unit;
    public const string OtherUnit = People.OtherUnit;

    /// <summary>Enough forms with a dropped middle name to fill more than one page of the queue (50 a page).</summary>
    public const int DroppedMiddleNames = 56;

    /// <summary>Forms per batch chunk, and the pause after each (a batch of 100 forms takes a few seconds).</summary>
    public const int ChunkSize = 10;
    public const string ChunkPause = "00:00:00.250";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly Dictionary<string, string> _cases = new(StringComparer.Ordinal);

    public ServerProcess Server { get; private set; } = null!;
    public string BatchId { get; private set; } = "";
    public string OtherUnitCaseId { get; private set; } = "";
    /// <summary>
    /// A batch of a unit of its own whose only differences are lunar-calendar dates of birth, for bulk decisions (no other
    /// test's reviewer can open, and so claim, its cases).
    /// </summary>
    public string LunarBatchId { get; private set; } = "";
    public const string LunarUnit = "05449";
    public const int LunarDates = 3;
    public RegistryRecord QuyB { get; private set; } = null!;
    public RegistryRecord Showcase { get; private set; } = null!;

    /// <summary>Where the tests save screenshots for a person to look at (beside the test assembly).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public string CaseOf(string formId) => _cases[formId];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        // Small chunks with a pause between them, so the dashboard's test sees a batch part-way through.
        Server = await ServerProcess.StartNewAsync("Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.100",
            $"Batch:ChunkSize={ChunkSize}", $"Batch:PauseBetweenChunks={ChunkPause}");
        await SeedAsync();
        if (ChromiumPdfPrinter.FindExecutable() is { } chromium)
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            });
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A browser context signed in through the development sign-in (as a member of staff would, by the form).</summary>
    public async Task<IPage> SignedInAsync(string subject, string unit = Unit, string role = "recon.reviewer")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.ConsoleAddress,
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/dev/login?role={role}&unit={unit}&subject={Uri.EscapeDataString(subject)}&returnUrl=%2Freview");
        return page;
    }

    public async Task<IPage> AnonymousAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.ConsoleAddress, Locale = "vi-VN" });
        return await context.NewPageAsync();
    }

    /// <summary>A full-page screenshot under <see cref="ScreenshotFolder"/>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, SafeName().Replace(name, "-") + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex SafeName();

    private async Task SeedAsync()
    {
        var records = Enumerable.Range(9000, DroppedMiddleNames).Select(Cast.Record).ToList();
        // One person whose form differs in three fields: a dropped middle name keyed with the old tone placement, the
        // lunar-calendar date of birth, a mother's name with another tone.
        Showcase = People.Record(9500, "Nguyễn Văn Hoà", "1985-03-12");
        var lunar = VietnameseLunarCalendar.ToLunar(new DateOnly(1985, 3, 12));
        var showcaseForm = People.FormFor(Showcase, "SHOW-1");
        showcaseForm.FullName = "Nguyễn Hoà";
        showcaseForm.DateOfBirth = $"{lunar.Day:D2}/{lunar.Month:D2}/{lunar.Year}";
        showcaseForm.MotherName = "Trần Thị Lân";
        var quyA = new RegistryRecord { RecordId = "R-QUY-A", PersonalId = "036075003333", FullName = "Trần Văn Quý", DateOfBirth = "1975-02-10", Gender = "male", BirthPlace = "Nam Định" };
        QuyB = quyA.Clone();
        QuyB.RecordId = "R-QUY-B";
        QuyB.PersonalId = "036075004444";
        await Server.ImportAsync([.. records, Showcase, quyA, QuyB]);

        var forms = records.Select(r => People.FormFor(r, "DMN-" + r.RecordId).WithoutMiddleName()).ToList();
        forms.Add(showcaseForm);
        forms.Add(new SurveyForm { FormId = "QUY-1", FullName = "TRAN VAN QUY", DateOfBirth = "10/02/1975", Gender = "Nam", BirthPlace = "Nam Định" });
        forms.Add(People.Stranger("STRANGER-1"));
        BatchId = await RunAsync(forms, Unit);
        foreach (var c in await CasesAsync(BatchId))
        {
            _cases[c.FormId] = c.CaseId;
        }

        // Forms keyed with the lunar-calendar date of the registry's, in a batch of their own (bulk decisions take it).
        var lunarRecords = Enumerable.Range(9600, LunarDates).Select(Cast.Record).ToList();
        await Server.ImportAsync(lunarRecords);
        LunarBatchId = await RunAsync(lunarRecords.Select(r =>
        {
            var form = People.FormFor(r, "LUNAR-" + r.RecordId);
            var date = VietnameseLunarCalendar.ToLunar(DateOnly.ParseExact(r.DateOfBirth, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            form.DateOfBirth = $"{date.Day:D2}/{date.Month:D2}/{date.Year}";
            return form;
        }).ToList(), LunarUnit);
        foreach (var c in await CasesAsync(LunarBatchId))
        {
            _cases[c.FormId] = c.CaseId;
        }

        var other = Cast.Record(9800);
        await Server.ImportAsync([other]);
        var otherBatch = await RunAsync([People.FormFor(other, "OTHER-1").WithoutMiddleName()], OtherUnit);
        OtherUnitCaseId = (await CasesAsync(otherBatch)).Single().CaseId;
    }

    /// <summary>A batch of <paramref name="forms"/> created and filled, not started.</summary>
    public async Task<string> CreateAsync(IReadOnlyList<SurveyForm> forms, string unit, string name)
    {
        var batch = (await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = unit, DisplayName = name })).Batch;
        await Server.AddFormsAsync(batch.BatchId, forms);
        return batch.BatchId;
    }

    private async Task<string> RunAsync(IReadOnlyList<SurveyForm> forms, string unit)
    {
        var batch = (await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = unit, DisplayName = "Phường Hoàng Văn Thụ, đợt thử" })).Batch;
        await Server.AddFormsAsync(batch.BatchId, forms);
        await Server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
        await Server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(3));
        return batch.BatchId;
    }

    private async Task<List<ReviewCase>> CasesAsync(string batchId)
        => (await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batchId, PageSize = 1000 })).Cases.ToList();
}
