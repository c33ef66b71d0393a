using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using CccdRecon.Contracts.V1;
using CccdRecon.Reports.Workbook;
using CccdRecon.Server.Tests.Infrastructure;

namespace CccdRecon.Web.Tests;

/// <summary>
/// The dashboard's cases by commune, the workbook's sheets and the notices name and count the communes alike: each case
/// keeps the commune of its form's address from when it was created, the dashboard groups them in the database, and a
/// commune spelt several ways goes by one label everywhere. Over HTTP, no browser; this class also runs on PostgreSQL
/// (<c>CccdRecon.Web.Tests.PostgreSql</c>), so the dashboard's and the reports' queries run on both databases.
/// </summary>
public sealed partial class CommuneFiguresTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private const string Unit = "05443";
    private const string PlainWard = "TO 7 P. HOANG VAN THU TP THAI NGUYEN";
    private const string Ward = "Tổ 5, phường Hoàng Văn Thụ, TP. Thái Nguyên";
    private const string Hamlet = "Xóm Chè, xã Tân Cương, TP. Thái Nguyên";

    private ServerProcess Server => shared.Server;

    /// <summary>
    /// Forms whose middle name was dropped (each a case): more of the ward keyed without diacritics, and first (a list
    /// taking the first spelling it meets would name it so), a hamlet of another commune, one form without an address,
    /// and a stranger from another province.
    /// </summary>
    private async Task<string> BatchAsync(int first)
    {
        var records = Enumerable.Range(first, 10).Select(Cast.Record).ToList();
        await Server.ImportAsync(records);
        string?[] addresses = [PlainWard, PlainWard, PlainWard, PlainWard, Ward, Ward, Ward, Hamlet, Hamlet, null];
        var forms = records.Select((r, i) => People.FormFor(r, $"C{first}-{i}").WithoutMiddleName()).ToList();
        for (var i = 0; i < forms.Count; i++)
        {
            forms[i].PermanentAddress = addresses[i] ?? "";
        }
        forms.Add(People.Stranger($"C{first}-STRANGER"));
        var batch = (await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = Unit, DisplayName = "communes" })).Batch;
        await Server.AddFormsAsync(batch.BatchId, forms);
        await Server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
        await Server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(3));
        return batch.BatchId;
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(Server.ConsoleAddress),
        };
        using var login = await http.GetAsync($"/dev/login?role=recon.reviewer&unit={Unit}&subject=can.bo.xa");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return http;
    }

    [Fact]
    public async Task Dashboard_workbook_and_notices_name_and_count_every_commune_alike()
    {
        var batchId = await BatchAsync(4100);
        using var http = await SignedInAsync();

        // The dashboard: a bar per commune, its label and its count of cases.
        var page = await http.GetStringAsync($"/batches/{batchId}");
        var chart = CommuneChart().Match(page);
        Assert.True(chart.Success, "the dashboard draws cases by commune");
        var dashboard = Bar().Matches(chart.Value).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

        // The workbook's summary: a row per commune sheet, with its citizens to correct, not found, rejected and undecided.
        using var book = new XLWorkbook(new MemoryStream(await http.GetByteArrayAsync($"/reports/corrections.xlsx?batch={batchId}")));
        var summary = book.Worksheet(CorrectionWorkbook.SummarySheet);
        var workbook = summary.RowsUsed().Where(r => r.RowNumber() > 4 && r.Cell(1).GetString().Length > 0)
            .ToDictionary(r => r.Cell(2).GetString(), r => new[] { 3, 5, 6, 7 }.Sum(c => (int)r.Cell(c).GetDouble()));

        // The notices' index: a row per commune.
        var index = await http.GetStringAsync($"/reports/notices?batch={batchId}");
        var notices = NoticeRow().Matches(index).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

        Assert.Equal(workbook.OrderBy(p => p.Key, StringComparer.Ordinal), dashboard.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(workbook.Keys.Order(StringComparer.Ordinal), notices.Order(StringComparer.Ordinal));
        // Two spellings of the ward, one commune, by its name with diacritics though fewer forms spell it so.
        var ward = Assert.Single(dashboard, p => p.Key.StartsWith("Phường Hoàng Văn Thụ", StringComparison.Ordinal));
        Assert.Equal(7, ward.Value);
        Assert.DoesNotContain(dashboard.Keys, k => k.Contains("Hoang Van Thu", StringComparison.Ordinal));
        Assert.Equal(2, dashboard.Single(p => p.Key.StartsWith("Xã Tân Cương", StringComparison.Ordinal)).Value);
        // The form without an address goes under the batch's unit; the stranger under their own commune.
        Assert.Equal(1, dashboard[$"Đơn vị {Unit}"]);
        Assert.Contains(dashboard.Keys, k => k.StartsWith("Xã Tân Phú", StringComparison.Ordinal));
        Assert.Equal(11, dashboard.Values.Sum());
    }

    [Fact]
    public async Task One_commune_s_notices_hold_that_commune_s_citizens_and_no_one_else()
    {
        var batchId = await BatchAsync(4200);
        using var http = await SignedInAsync();
        var index = await http.GetStringAsync($"/reports/notices?batch={batchId}");
        var links = NoticeLink().Matches(index).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var pages = NoticeRow().Matches(index).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(pages.Count, links.Count);

        var total = 0;
        foreach (var (link, (label, count)) in links.Zip(pages))
        {
            var html = await http.GetStringAsync(link);
            // One page per household (or citizen), as the index says, each naming this commune only.
            Assert.Equal(count, NoticePage().Matches(html).Count);
            Assert.Contains("<title>Thông báo điều chỉnh thông tin — " + System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(label) + "</title>",
                html, StringComparison.Ordinal);
            total += count;
        }
        // The ward's seven forms are seven pages (no house number: each citizen alone), the hamlet's two, and so on.
        Assert.Equal(11, total);
        using var missing = await http.GetAsync($"/reports/notices.html?batch={batchId}&commune=xa-khong-co");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [GeneratedRegex("<svg[^>]*data-chart=\"commune\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex CommuneChart();

    [GeneratedRegex("<g data-bar=\"([^\"]+)\">.*?<text class=\"figure\"[^>]*>([0-9]+)</text></g>", RegexOptions.Singleline)]
    private static partial Regex Bar();

    [GeneratedRegex("<tr data-commune><td>([^<]+)</td><td>([0-9]+)</td>")]
    private static partial Regex NoticeRow();

    [GeneratedRegex("<a href=\"(/reports/notices\\.html[^\"]+)\" data-html>")]
    private static partial Regex NoticeLink();

    [GeneratedRegex("<section class=\"notice")]
    private static partial Regex NoticePage();
}
