using System.Diagnostics;
using System.Text;
using CccdRecon.Reports.Arrangement;
using CccdRecon.Reports.Notices;
using CccdRecon.Reports.Pdf;
using CccdRecon.Reports.Places;
using Xunit.Abstractions;

namespace CccdRecon.Reports.Tests;

/// <summary>Skips, saying why, where Chromium or poppler-utils (pdfinfo, pdftotext, pdftoppm, pdffonts) is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ChromiumPdfPrinter.FindExecutable() is null)
            Skip = "needs Chromium (Debian: apt-get install chromium); none found";
        else if (Poppler.Missing is { } tool)
            Skip = $"needs {tool} from poppler-utils (Debian: apt-get install poppler-utils)";
        else if (OperatingSystem.IsLinux() && !File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
            Skip = "needs the DejaVu fonts the notices name (Debian: apt-get install fonts-dejavu-core)";
    }
}

/// <summary>The PDF tools the tests read PDFs with.</summary>
internal static class Poppler
{
    public static string? Missing => new[] { "pdfinfo", "pdftotext", "pdftoppm", "pdffonts" }.FirstOrDefault(t => Run(t, ["-v"]) is null);

    public static string? Run(string tool, string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = errors.Result;
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public static int Pages(string pdf)
    {
        var info = Run("pdfinfo", [pdf])!;
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>One Chromium for the class.</summary>
public sealed class PrinterFixture : IAsyncLifetime
{
    public ChromiumPdfPrinter? Printer { get; private set; }

    public async Task InitializeAsync()
    {
        if (ChromiumPdfPrinter.FindExecutable() is not null) Printer = await ChromiumPdfPrinter.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Printer is not null) await Printer.DisposeAsync();
    }
}

/// <summary>Notices printed through Chromium, read back with poppler and rendered to PNG for a person to look at.</summary>
public sealed class PdfTests(PrinterFixture fixture, ITestOutputHelper output) : IClassFixture<PrinterFixture>
{
    /// <summary>Where the rendered pages are kept with the test output.</summary>
    private static readonly string PngDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "notices");

    [ChromiumFact]
    public async Task A_commune_prints_one_A4_page_per_household_in_readable_Vietnamese()
    {
        var list = SampleLists.Mixed();
        var arranged = CorrectionArrangement.Arrange(list, AddressLocator.Instance);
        var anKhanh = arranged.Communes.Single(c => c.Label == "Phường An Khánh, Hà Nội");
        var html = NoticeDocument.Render(list, [anKhanh], new NoticeOptions { Appointment = "8 giờ 00, thứ Hai, ngày 7 tháng 12 năm 2026" });
        var pdf = Path.Combine(Path.GetTempPath(), $"notices-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(pdf, await fixture.Printer!.PrintAsync(html));

            // Rendered first, so a failure below leaves the pages to look at.
            Directory.CreateDirectory(PngDirectory);
            foreach (var old in Directory.GetFiles(PngDirectory, "an-khanh-*.png")) File.Delete(old);
            Poppler.Run("pdftoppm", ["-r", "80", "-png", pdf, Path.Combine(PngDirectory, "an-khanh")]);
            output.WriteLine($"notice pages rendered to {PngDirectory}");
            var pngs = Directory.GetFiles(PngDirectory, "an-khanh-*.png");
            Assert.All(pngs, p => Assert.True(new FileInfo(p).Length > 10_000, p));
            Assert.Equal(anKhanh.Households.Count, pngs.Length);
            Assert.Equal(anKhanh.Households.Count, Poppler.Pages(pdf));
            Assert.Contains("(A4)", Poppler.Run("pdfinfo", [pdf]));

            var text = Poppler.Run("pdftotext", ["-layout", pdf, "-"])!;
            foreach (var expected in new[] { "THÔNG BÁO", "Nguyễn Thị Thuỷ", "Huỳnh Thị Thủy", "Đỗ Văn Đức", "Dữ liệu hộ tịch ghi", "Giấy khai sinh",
                         "Công an phường An Khánh", "8 giờ 00, thứ Hai, ngày 7 tháng 12 năm 2026", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" })
                Assert.Contains(expected, text);

            // Every glyph from the font the stylesheet names: no fallback font for Vietnamese letters.
            var fonts = Poppler.Run("pdffonts", [pdf])!.Split('\n').Skip(2).Where(l => l.Length > 0).ToList();
            Assert.NotEmpty(fonts);
            Assert.All(fonts, f => Assert.Contains("DejaVuSerif", f));

        }
        finally
        {
            File.Delete(pdf);
        }
    }

    [ChromiumFact]
    public async Task The_notice_folder_has_a_PDF_per_commune_with_a_page_per_household()
    {
        var list = SampleLists.Mixed();
        var arranged = CorrectionArrangement.Arrange(list, AddressLocator.Instance);
        var directory = Path.Combine(Path.GetTempPath(), $"notices-{Guid.NewGuid():N}");
        try
        {
            var files = await NoticeFolder.WriteAsync(list, arranged, directory, new NoticeOptions(), fixture.Printer);
            Assert.Equal(arranged.Communes.Count, files.Count);
            foreach (var (file, commune) in files.Zip(arranged.Communes))
            {
                Assert.Equal(commune.Households.Count, Poppler.Pages(file.PdfPath!));
                Assert.True(File.Exists(file.HtmlPath));
            }

            Assert.True(File.Exists(Path.Combine(directory, NoticeFolder.IndexFile)));
            Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(directory)!, Path.GetFileName(directory) + ".partial-*"));

            // A second run replaces the first whole.
            var again = await NoticeFolder.WriteAsync(list with { Cases = list.Cases.Take(1).ToList() }, CorrectionArrangement.Arrange(list with { Cases = list.Cases.Take(1).ToList() }, AddressLocator.Instance), directory, new NoticeOptions(), fixture.Printer);
            Assert.Single(again);
            Assert.Equal(3, Directory.GetFiles(directory).Length);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, true);
        }
    }

    [ChromiumFact]
    public async Task A_large_household_is_shrunk_onto_its_one_page()
    {
        var address = "Số 3, Thôn 2, đường Lê Lợi, xã Cù Vân, tỉnh Thái Nguyên";
        var members = Enumerable.Range(1, 12).Select(i => SampleLists.Review($"L{i:00}", $"Nguyễn Văn Thành {i}", address,
            SampleLists.Field(Core.Matching.FlaggableField.FullName, Core.Matching.DiscrepancyKind.Spelling, "Nguyễn Văn Thàng", "Nguyễn Văn Thành"),
            SampleLists.Field(Core.Matching.FlaggableField.DateOfBirth, Core.Matching.DiscrepancyKind.LunarDate, "15/01/1960", "1960-02-12"),
            SampleLists.Field(Core.Matching.FlaggableField.PersonalId, Core.Matching.DiscrepancyKind.DigitTypo, "019160012345", "019160012346"))).ToList();
        var list = SampleLists.Mixed() with { Cases = members };
        var arranged = CorrectionArrangement.Arrange(list, AddressLocator.Instance);
        Assert.Single(Assert.Single(arranged.Communes).Households);
        var pdf = Path.Combine(Path.GetTempPath(), $"notices-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(pdf, await fixture.Printer!.PrintAsync(NoticeDocument.Render(list, arranged.Communes)));
            Assert.Equal(1, Poppler.Pages(pdf));
            var text = Poppler.Run("pdftotext", [pdf, "-"])!;
            Assert.Contains("Nguyễn Văn Thành 12", text);
            Assert.Contains("Đợt B-2026-11", text);
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    [Fact]
    public async Task A_folder_holding_other_files_is_refused_untouched()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"notices-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "mine.txt"), "keep me");
        try
        {
            var list = SampleLists.Mixed();
            await Assert.ThrowsAsync<IOException>(() => NoticeFolder.WriteAsync(list, CorrectionArrangement.Arrange(list, AddressLocator.Instance), directory, new NoticeOptions(), null));
            Assert.Equal(["mine.txt"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public async Task A_missing_Chromium_is_one_clear_error()
    {
        var e = await Assert.ThrowsAsync<ChromiumUnavailableException>(() => ChromiumPdfPrinter.LaunchAsync("/nonexistent/chromium"));
        Assert.Contains("/nonexistent/chromium", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }
}
