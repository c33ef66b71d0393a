using System.Globalization;
using ClosedXML.Excel;
using CccdRecon.Contracts.V1;
using CccdRecon.Reports.Wording;
using CccdRecon.Reports.Workbook;
using CccdRecon.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CccdRecon.Web.Tests;

/// <summary>
/// Correction lists and notices served by the console (issue 11): the workbook read back from the bytes the browser
/// received, the printable notices and their PDF, the scope (403, 404) and the audit trail.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    private static readonly string[] SpecialSheets =
        [CorrectionWorkbook.SummarySheet, CorrectionWorkbook.NoMatchSheet, CorrectionWorkbook.RejectedSheet, CorrectionWorkbook.AmbiguousSheet];

    private static int Column(IXLWorksheet sheet, string header)
        => sheet.Row(1).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;

    [ChromiumFact]
    public async Task The_served_workbook_lists_every_flagged_field_once_with_reviewers_decisions_first_and_the_download_is_audited()
    {
        // A reviewer keeps the registry's name on one case (the list must say so, not the engine's suggestion).
        const string Decided = "DMN-R009050";
        var page = await fixture.SignedInAsync("can.bo.tai");
        await page.GotoAsync($"/review/{fixture.CaseOf(Decided)}");
        await Expect(Focused(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("1");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-saved]")).ToBeVisibleAsync();

        var response = await page.APIRequest.GetAsync($"/reports/corrections.xlsx?batch={fixture.BatchId}");
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Headers["content-type"], StringComparison.Ordinal);
        var bytes = await response.BodyAsync();
        File.WriteAllBytes(Path.Combine(fixture.ScreenshotFolder, "corrections.xlsx"), bytes);
        using var book = new XLWorkbook(new MemoryStream(bytes));

        // What the database holds now (read over gRPC): every flagged field of every case still linked to a person.
        var cases = (await fixture.Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = fixture.BatchId, PageSize = 1000 })).Cases;
        var expected = cases.Where(c => c.LinkDecision != LinkDecision.Reject && (c.Kind == CaseKind.Differences || c.LinkDecision is LinkDecision.Confirm or LinkDecision.Choose))
            .SelectMany(c => c.Discrepancies.Select(d => (c.FormId, VietnameseWording.FieldLabel(d.Field))))
            .Order().ToList();
        Assert.NotEmpty(expected);

        var communeSheets = book.Worksheets.Where(s => !SpecialSheets.Contains(s.Name)).ToList();
        // A sheet per commune: the forms' ward, read from their addresses.
        var ward = Assert.Single(communeSheets, s => s.Name.Contains("Hoàng Văn Thụ", StringComparison.Ordinal));
        var rows = communeSheets.SelectMany(s => s.RowsUsed().Skip(1).Select(r => (Sheet: s, Row: r))).ToList();
        var listed = rows.Select(r => (r.Row.Cell(Column(r.Sheet, "Mã phiếu")).GetString(), r.Row.Cell(Column(r.Sheet, "Thông tin cần điều chỉnh")).GetString()))
            .Order().ToList();
        Assert.Equal(expected, listed); // each once: same multiset

        // Leading zeros and Vietnamese intact: the ID as keyed, as text.
        var show = rows.First(r => r.Row.Cell(Column(r.Sheet, "Mã phiếu")).GetString() == "SHOW-1");
        var id = show.Row.Cell(Column(show.Sheet, "Số định danh/CMND (theo phiếu)"));
        Assert.Equal(XLDataType.Text, id.DataType);
        Assert.StartsWith("019", id.GetString(), StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Row.Cell(Column(r.Sheet, "Họ và tên (theo phiếu)")).GetString().Contains("Hoà", StringComparison.Ordinal)
            || r.Row.Cell(Column(r.Sheet, "Họ và tên (theo phiếu)")).GetString().Contains("Hòa", StringComparison.Ordinal));

        // The reviewer's decision, not the engine's suggestion.
        var decided = rows.Single(r => r.Row.Cell(Column(r.Sheet, "Mã phiếu")).GetString() == Decided);
        Assert.Equal(VietnameseWording.SourceLabel(global::CccdRecon.Reports.DecisionSource.Reviewer), decided.Row.Cell(Column(decided.Sheet, "Người đề xuất")).GetString());
        Assert.Equal(decided.Row.Cell(Column(decided.Sheet, "Ghi trong dữ liệu hộ tịch")).GetString(),
            decided.Row.Cell(Column(decided.Sheet, "Đề nghị điều chỉnh thành")).GetString());

        // The stranger is on the sheet of forms not in the registry (unless a reviewer found them).
        var stranger = cases.Single(c => c.FormId == "STRANGER-1");
        if (stranger.LinkDecision == LinkDecision.Unspecified)
        {
            Assert.Contains(book.Worksheet(CorrectionWorkbook.NoMatchSheet).RowsUsed(), r => r.Cells().Any(c => c.GetString() == "STRANGER-1"));
        }
        await ShotAsync(await WorkbookPageAsync(page, ward), "workbook");

        // Audited as a read of personal data: who, the batch, and the cases listed.
        var trail = (await fixture.Server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "can.bo.tai", Action = "report.download_corrections", PageSize = 100 })).Events;
        var audited = Assert.Single(trail);
        Assert.Contains($"batch:{fixture.BatchId}", audited.TargetIds);
        Assert.Contains($"case:{fixture.CaseOf(Decided)}", audited.TargetIds);
        Assert.Equal("recon.reviewer", audited.Role);
    }

    /// <summary>The cells of a served sheet drawn as a table, for a person (and the docs) to look at.</summary>
    private static async Task<IPage> WorkbookPageAsync(IPage signedIn, IXLWorksheet sheet)
    {
        var page = await signedIn.Context.NewPageAsync();
        var html = new System.Text.StringBuilder("<!doctype html><html lang=vi><meta charset=utf-8><style>body{font:12px 'DejaVu Sans',sans-serif;margin:8px}" +
            "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 5px;vertical-align:top}th{background:#dde6f0}" +
            "caption{font-weight:bold;text-align:left;padding:4px 0}</style><table><caption>");
        html.Append(System.Net.WebUtility.HtmlEncode(sheet.Name)).Append(" (corrections.xlsx)</caption>");
        foreach (var row in sheet.RowsUsed().Take(16))
        {
            html.Append("<tr>");
            foreach (var cell in row.Cells(1, sheet.LastColumnUsed()!.ColumnNumber()))
            {
                var tag = row.RowNumber() == 1 ? "th" : "td";
                html.Append('<').Append(tag).Append('>').Append(System.Net.WebUtility.HtmlEncode(cell.GetString())).Append("</").Append(tag).Append('>');
            }
            html.Append("</tr>");
        }
        await page.SetContentAsync(html.Append("</table>").ToString());
        return page;
    }

    [ChromiumFact]
    public async Task Notices_print_from_the_browser_and_as_a_pdf_per_commune()
    {
        var page = await fixture.SignedInAsync("can.bo.tai");
        await page.GotoAsync($"/reports/notices?batch={fixture.BatchId}");
        var ward = page.Locator("[data-notices] [data-commune]", new() { HasText = "Hoàng Văn Thụ" });
        await Expect(ward).ToHaveCountAsync(1);

        var pdfUrl = (await ward.Locator("[data-pdf]").GetAttributeAsync("href"))!;
        await ward.Locator("[data-html]").ClickAsync();
        await Expect(page.Locator("section.notice").First).ToBeVisibleAsync();
        await Expect(page.Locator("section.notice").First).ToContainTextAsync("Hoàng Văn Thụ");
        // Printable from the browser: A4 pages set by the page's own stylesheet.
        Assert.Contains("@page", await page.ContentAsync(), StringComparison.Ordinal);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await ShotAsync(page, "notice");
        var pdf = await page.APIRequest.GetAsync(pdfUrl);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var body = await pdf.BodyAsync();
        Assert.Equal("%PDF"u8.ToArray(), body[..4]);
        File.WriteAllBytes(Path.Combine(fixture.ScreenshotFolder, "notices.pdf"), body);

        var trail = (await fixture.Server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "can.bo.tai", Action = "report.download_notices", PageSize = 100 })).Events;
        Assert.True(trail.Count >= 2); // the HTML and the PDF
        Assert.All(trail, e => Assert.Contains($"batch:{fixture.BatchId}", e.TargetIds));
    }

    [ChromiumFact]
    public async Task Downloads_are_refused_outside_the_scope()
    {
        var other = await fixture.SignedInAsync("can.bo.khac3", ConsoleFixture.OtherUnit);
        Assert.Equal(403, (await other.APIRequest.GetAsync($"/reports/corrections.xlsx?batch={fixture.BatchId}")).Status);
        Assert.Equal(403, (await other.APIRequest.GetAsync($"/reports/notices.pdf?batch={fixture.BatchId}")).Status);
        Assert.Equal(404, (await other.APIRequest.GetAsync("/reports/corrections.xlsx?batch=0000000000000000000000000000dead")).Status);
        var own = await fixture.SignedInAsync("can.bo.tai2");
        Assert.Equal(403, (await own.APIRequest.GetAsync($"/reports/corrections.xlsx?batch={fixture.BatchId}&unit={ConsoleFixture.OtherUnit}")).Status);
        // Its own unit, asked for by code: served.
        Assert.Equal(200, (await own.APIRequest.GetAsync($"/reports/corrections.xlsx?batch={fixture.BatchId}&unit={ConsoleFixture.Unit}")).Status);
        // Nothing refused was audited as read.
        var trail = (await fixture.Server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "can.bo.khac3", PageSize = 100 })).Events;
        Assert.DoesNotContain(trail, e => e.Action.StartsWith("report.", StringComparison.Ordinal));
        // Signed out: no file, the sign-in page.
        var anonymous = await fixture.AnonymousAsync();
        var response = await anonymous.APIRequest.GetAsync($"/reports/corrections.xlsx?batch={fixture.BatchId}", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, response.Status);
    }
}
