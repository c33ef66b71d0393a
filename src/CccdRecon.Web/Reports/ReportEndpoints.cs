using System.Text;
using CccdRecon.Data;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
using CccdRecon.Reports;
using CccdRecon.Reports.Arrangement;
using CccdRecon.Reports.Notices;
using CccdRecon.Reports.Pdf;
using CccdRecon.Reports.Workbook;
using CccdRecon.Web.Console;
using CccdRecon.Web.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Web.Reports;

/// <summary>
/// The correction lists and notices of a stored batch, served by the console (issue 11):
/// <c>/reports/corrections.xlsx?batch=ID[&amp;unit=CODE]</c> (the workbook), <c>/reports/notices?batch=ID[&amp;unit=CODE]</c>
/// (the communes, each with its printable page and its PDF), <c>/reports/notices.html?…&amp;commune=SLUG</c> and
/// <c>/reports/notices.pdf?…&amp;commune=SLUG</c>. Same roles and unit scope as the case pages (unknown batch 404, a batch
/// or unit the caller does not serve 403); every download is a read of personal data, audited before a byte leaves.
/// </summary>
public static class ReportEndpoints
{
    public const string WorkbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Cases named per audit event (a list of a whole province is many events, none of them huge).</summary>
    public const int AuditPage = 1_000;

    internal static IEnumerable<IEndpointConventionBuilder> Map(IEndpointRouteBuilder app)
    {
        yield return app.MapGet("/reports/corrections.xlsx", WorkbookAsync).RequireAuthorization(ConsoleAuth.Policy);
        yield return app.MapGet("/reports/notices", NoticeIndexAsync).RequireAuthorization(ConsoleAuth.Policy);
        yield return app.MapGet("/reports/notices.html", NoticeHtmlAsync).RequireAuthorization(ConsoleAuth.Policy);
        yield return app.MapGet("/reports/notices.pdf", NoticePdfAsync).RequireAuthorization(ConsoleAuth.Policy);
    }

    private sealed record Prepared(CorrectionList List, CorrectionArrangement Arrangement, IReadOnlyDictionary<string, long> CaseOf);

    /// <param name="oneCommune">True for the notices of the <c>commune=</c> asked for: only that commune's cases are read.</param>
    private static async Task<(Prepared? Report, IResult? Refusal)> PrepareAsync(HttpContext http, IDbContextFactory<ReconDbContext> dbFactory,
        ConsoleSession session, TimeProvider time, CancellationToken cancellationToken, bool oneCommune = false)
    {
        var caller = session.Caller;
        var query = http.Request.Query;
        string? unit = query["unit"];
        if (BatchAccess.CheckUnit(unit, caller) is { } refused) return (null, refused);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var access = await BatchAccess.CheckAsync(db, query["batch"], caller, cancellationToken);
        if (access.Refusal is not null) return (null, access.Refusal);
        // One commune's notices read that commune's cases only: its key(s) from the batch's commune labels, as the list names them.
        IReadOnlyCollection<string>? keys = null;
        if (oneCommune && query["commune"].ToString() is { Length: > 0 } slug)
        {
            var labels = await DashboardQueries.CommuneLabelsAsync(db, access.Batch!.Id, cancellationToken);
            var unitLabel = string.IsNullOrEmpty(access.Batch.Unit) ? CorrectionArrangement.UnknownCommune : new BatchUnit(access.Batch.Unit).Label;
            keys = labels.Where(l => NoticeFolder.Slug(l.Value) == slug).Select(l => l.Key)
                .Concat(NoticeFolder.Slug(unitLabel) == slug ? [""] : []).ToList();
        }
        var loaded = await ServerTiming.TimeAsync(http, "load", () => BatchCorrectionSource.LoadAsync(db, access.Batch!, time.GetUtcNow(), cancellationToken, keys));
        var scope = string.IsNullOrEmpty(unit) ? CorrectionScope.All : new CorrectionScope { UnitCode = unit };
        var arrangement = CorrectionArrangement.Arrange(loaded.List, new CorrectionReportOptions().Locator, scope);
        return (new Prepared(loaded.List, arrangement, loaded.CaseOf), null);
    }

    /// <summary>Writes the audit events for the cases about to leave, a page of ids per event, before any byte is sent.</summary>
    private static async Task AuditAsync(AuditTrail audit, Caller caller, string action, string batchId, string? unit, IEnumerable<PlacedCase> cases,
        IReadOnlyDictionary<string, long> caseOf, CancellationToken cancellationToken)
    {
        var head = new List<string> { AuditTarget.Batch(batchId) };
        if (!string.IsNullOrEmpty(unit)) head.Add(AuditTarget.Unit(unit));
        var ids = cases.Select(c => caseOf[c.Case.FormId]).ToList();
        if (ids.Count == 0)
        {
            await audit.WriteAsync(caller, action, head, cancellationToken);
            return;
        }
        foreach (var page in ids.Chunk(AuditPage))
        {
            await audit.WriteAsync(caller, action, head.Concat(page.Select(AuditTarget.Case)), cancellationToken);
        }
    }

    private static async Task<IResult> WorkbookAsync(HttpContext http, IDbContextFactory<ReconDbContext> dbFactory, ConsoleSession session,
        AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, refusal) = await PrepareAsync(http, dbFactory, session, time, cancellationToken);
        if (report is null) return refusal!;
        var bytes = new MemoryStream();
        CorrectionWorkbook.Write(report.List, report.Arrangement, bytes);
        string? unit = http.Request.Query["unit"];
        await AuditAsync(audit, session.Caller, AuditActions.DownloadCorrections, report.List.BatchId, unit, report.Arrangement.AllCases.Select(c => c.Case),
            report.CaseOf, cancellationToken);
        var name = $"danh-sach-dieu-chinh-{report.List.BatchId}{(string.IsNullOrEmpty(unit) ? "" : "-" + unit)}.xlsx";
        return Results.File(bytes.ToArray(), WorkbookType, name);
    }

    private static async Task<IResult> NoticeIndexAsync(HttpContext http, IDbContextFactory<ReconDbContext> dbFactory, ConsoleSession session,
        TimeProvider time, CancellationToken cancellationToken)
    {
        // Lists the communes and their page counts only: names no citizen, so it is not a read of personal data.
        var (report, refusal) = await PrepareAsync(http, dbFactory, session, time, cancellationToken);
        if (report is null) return refusal!;
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        string? unit = http.Request.Query["unit"];
        var common = $"batch={Uri.EscapeDataString(report.List.BatchId)}{(string.IsNullOrEmpty(unit) ? "" : "&unit=" + Uri.EscapeDataString(unit))}";
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Thông báo điều chỉnh thông tin — đợt ")
            .Append(encoder.Encode(report.List.BatchId)).Append("</title>\n")
            .Append("<style>body{font-family:\"DejaVu Sans\",\"Noto Sans\",Arial,sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left}</style>\n</head>\n<body>\n")
            .Append("<p><a href=\"/batches/").Append(encoder.Encode(report.List.BatchId)).Append("\">← Đợt đối soát</a></p>\n")
            .Append("<h1>Thông báo điều chỉnh thông tin — đợt ").Append(encoder.Encode(report.List.BatchId)).Append("</h1>\n")
            .Append("<table data-notices><thead><tr><th>Xã, phường</th><th>Số trang (hộ)</th><th>In</th></tr></thead><tbody>\n");
        foreach (var commune in report.Arrangement.Communes)
        {
            var link = common + "&commune=" + Uri.EscapeDataString(NoticeFolder.Slug(commune.Label));
            html.Append("<tr data-commune><td>").Append(encoder.Encode(commune.Label)).Append("</td><td>").Append(NoticeDocument.PageCount(commune))
                .Append("</td><td><a href=\"/reports/notices.html?").Append(encoder.Encode(link)).Append("\" data-html>HTML</a> · <a href=\"/reports/notices.pdf?")
                .Append(encoder.Encode(link)).Append("\" data-pdf>PDF</a></td></tr>\n");
        }
        html.Append("</tbody></table>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>The communes asked for: one by its slug (<c>commune=</c>), or all of them.</summary>
    private static List<CommuneSection>? Communes(HttpContext http, CorrectionArrangement arrangement)
    {
        string? slug = http.Request.Query["commune"];
        if (string.IsNullOrEmpty(slug)) return arrangement.Communes.ToList();
        var found = arrangement.Communes.Where(c => NoticeFolder.Slug(c.Label) == slug).ToList();
        return found.Count == 0 ? null : found;
    }

    private static async Task<IResult> NoticeHtmlAsync(HttpContext http, IDbContextFactory<ReconDbContext> dbFactory, ConsoleSession session,
        AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (report, refusal) = await PrepareAsync(http, dbFactory, session, time, cancellationToken, oneCommune: true);
        if (report is null) return refusal!;
        if (Communes(http, report.Arrangement) is not { } communes) return Results.Text("no such commune in this batch", statusCode: StatusCodes.Status404NotFound);
        var html = NoticeDocument.Render(report.List, communes);
        await AuditAsync(audit, session.Caller, AuditActions.DownloadNotices, report.List.BatchId, http.Request.Query["unit"], communes.SelectMany(c => c.Cases),
            report.CaseOf, cancellationToken);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> NoticePdfAsync(HttpContext http, IDbContextFactory<ReconDbContext> dbFactory, ConsoleSession session,
        AuditTrail audit, TimeProvider time, NoticePrinter printer, CancellationToken cancellationToken)
    {
        var (report, refusal) = await PrepareAsync(http, dbFactory, session, time, cancellationToken, oneCommune: true);
        if (report is null) return refusal!;
        if (Communes(http, report.Arrangement) is not { } communes) return Results.Text("no such commune in this batch", statusCode: StatusCodes.Status404NotFound);
        var html = NoticeDocument.Render(report.List, communes);
        byte[] pdf;
        try
        {
            pdf = await printer.PrintAsync(html, cancellationToken);
        }
        catch (ChromiumUnavailableException e)
        {
            return Results.Text("PDF notices need Chromium on the server: " + e.Message + ". The printable HTML works without it.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        await AuditAsync(audit, session.Caller, AuditActions.DownloadNotices, report.List.BatchId, http.Request.Query["unit"], communes.SelectMany(c => c.Cases),
            report.CaseOf, cancellationToken);
        var stem = communes.Count == 1 ? NoticeFolder.Slug(communes[0].Label) : "tat-ca";
        return Results.File(pdf, "application/pdf", $"thong-bao-{stem}.pdf");
    }
}
