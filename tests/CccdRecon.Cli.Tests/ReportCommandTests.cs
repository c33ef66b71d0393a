using ClosedXML.Excel;
using CccdRecon.Cli.Reconcile;
using CccdRecon.Cli.Report;
using CccdRecon.Core.Interchange;
using CccdRecon.Reports.Wording;
using CccdRecon.Reports.Workbook;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Cli.Tests;

/// <summary>The committed samples/ reconciled, then `report` on the output folder, as the README says.</summary>
public sealed class ReportCommandTests : IClassFixture<ReportCommandTests.SamplesRun>, IDisposable
{
    private readonly SamplesRun _run;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "cccdrecon-report-" + Guid.NewGuid().ToString("N"));

    public ReportCommandTests(SamplesRun run)
    {
        _run = run;
        Directory.CreateDirectory(_work);
    }

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    public sealed class SamplesRun : IDisposable
    {
        public SamplesRun()
        {
            var samples = Path.Combine(AltGenTests.RepositoryRoot(), "samples");
            Out = Path.Combine(Path.GetTempPath(), "cccdrecon-samples-" + Guid.NewGuid().ToString("N"));
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
            new ReconcileJob(time, showProgress: false).Run(new ReconcileRequest(Path.Combine(samples, "registry.csv"), Path.Combine(samples, "forms.csv"), Out));
            FormsCsv = Path.Combine(samples, "forms.csv");
        }

        public string Out { get; }
        public string FormsCsv { get; }

        public void Dispose()
        {
            try { Directory.Delete(Out, recursive: true); } catch (IOException) { }
        }
    }

    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(7)));

    private static async Task<(int Code, string Output, string Errors)> Run(ReportRequest request)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await new ReportJob(Clock, output, errors).RunAsync(request);
        return (code, output.ToString(), errors.ToString());
    }

    private List<ResultRow> Results()
    {
        using var stream = File.OpenRead(Path.Combine(_run.Out, "results.csv"));
        return InterchangeCsv.ReadResults(stream, r => Assert.Fail(r.Reason)).ToList();
    }

    private List<ReviewRow> Reviews()
    {
        using var stream = File.OpenRead(Path.Combine(_run.Out, "review.csv"));
        return InterchangeCsv.ReadReview(stream, r => Assert.Fail(r.Reason)).ToList();
    }

    [Fact]
    public void Reconcile_writes_each_form_that_needs_a_person_to_cases_csv()
    {
        using var stream = File.OpenRead(Path.Combine(_run.Out, "cases.csv"));
        var cases = InterchangeCsv.ReadForms(stream, r => Assert.Fail(r.Reason)).Select(f => f.FormId).ToList();
        Assert.Equal(Results().Where(r => r.Status != Core.Matching.MatchStatus.Clean).Select(r => r.FormId).Order(), cases.Order());
        Assert.All(Reviews(), r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
    }

    [Fact]
    public async Task The_workbook_lists_every_flagged_field_once_and_every_unlinked_form()
    {
        var xlsx = Path.Combine(_work, "corrections.xlsx");
        var (code, output, errors) = await Run(new ReportRequest(_run.Out, xlsx));
        Assert.True(code == 0, errors);
        Assert.Equal("", errors);
        Assert.Contains("fields to correct", output);

        using var book = new XLWorkbook(xlsx);
        string[] special = [CorrectionWorkbook.SummarySheet, CorrectionWorkbook.NoMatchSheet, CorrectionWorkbook.RejectedSheet, CorrectionWorkbook.AmbiguousSheet];
        var rows = book.Worksheets.Where(s => !special.Contains(s.Name)).SelectMany(s => s.RowsUsed().Skip(1))
            .Select(r => (Form: r.Cell(7).GetString(), Field: r.Cell(8).GetString(), FormValue: r.Cell(9).GetString(), Id: r.Cell(6)))
            .ToList();
        var expected = Reviews().Select(r => (r.FormId, VietnameseWording.FieldLabel(r.Field))).Order().ToList();
        Assert.Equal(expected, rows.Select(r => (r.Form, r.Field)).Order().ToList());
        Assert.All(rows, r => Assert.Equal(XLDataType.Text, r.Id.DataType));
        Assert.Contains(rows, r => r.Id.GetString().StartsWith('0'));

        var noMatch = Results().Where(r => r.Status == Core.Matching.MatchStatus.NoMatch).Select(r => r.FormId).Order().ToList();
        if (noMatch.Count > 0)
            Assert.Equal(noMatch, book.Worksheet(CorrectionWorkbook.NoMatchSheet).RowsUsed().Skip(1).Select(r => r.Cell(9).GetString()).Order().ToList());
        Assert.Empty(Directory.GetFiles(_work, ".*partial*"));
    }

    [Fact]
    public async Task Html_notices_for_one_commune()
    {
        var xlsx = Path.Combine(_work, "one.xlsx");
        var notices = Path.Combine(_work, "notices");
        var (code, output, errors) = await Run(new ReportRequest(_run.Out, xlsx)
        {
            Commune = "phuong an khanh", NoticesDirectory = notices, Pdf = false,
            Notices = new Reports.Notices.NoticeOptions { Appointment = "Sáng thứ Hai, ngày 7 tháng 12 năm 2026" },
        });
        Assert.True(code == 0, errors);
        var html = Directory.GetFiles(notices, "*.html").Where(f => !f.EndsWith("index.html", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(html);
        Assert.All(html, f => Assert.Contains("an-khanh", Path.GetFileName(f)));
        Assert.Contains("Sáng thứ Hai, ngày 7 tháng 12 năm 2026", File.ReadAllText(html[0]));
        Assert.Empty(Directory.GetFiles(notices, "*.pdf"));
        Assert.Contains("notice pages", output);
    }

    [Fact]
    public async Task An_older_folder_without_cases_csv_needs_the_forms()
    {
        var old = Path.Combine(_work, "old");
        Directory.CreateDirectory(old);
        foreach (var name in new[] { "results.csv", "review.csv" }) File.Copy(Path.Combine(_run.Out, name), Path.Combine(old, name));
        var xlsx = Path.Combine(_work, "old.xlsx");
        var (code, _, errors) = await Run(new ReportRequest(old, xlsx));
        Assert.Equal(ReportJob.BadInput, code);
        Assert.Contains("--forms", errors);
        Assert.Single(errors.Trim().Split('\n'));
        Assert.False(File.Exists(xlsx));

        (code, _, errors) = await Run(new ReportRequest(old, xlsx) { FormsPath = _run.FormsCsv });
        Assert.True(code == 0, errors);
        Assert.True(File.Exists(xlsx));
    }

    [Fact]
    public async Task Bad_input_is_one_clear_line_and_nothing_written()
    {
        var xlsx = Path.Combine(_work, "bad.xlsx");
        var broken = Path.Combine(_work, "broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "results.csv"), "form,what\n1,2\n");
        var foreign = Path.Combine(_work, "foreign");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "keep.txt"), "mine");

        (ReportRequest Request, string Says)[] cases =
        [
            (new ReportRequest(Path.Combine(_work, "missing"), xlsx), "does not exist"),
            (new ReportRequest(_run.Out, Path.Combine(_work, "list.csv")), ".xlsx"),
            (new ReportRequest(_run.Out, Path.Combine(_work, "no", "such", "dir.xlsx")), "does not exist"),
            (new ReportRequest(broken, xlsx), "results.csv: The header has no form_id"),
            (new ReportRequest(Path.Combine(_work), xlsx), "has no results.csv"),
            (new ReportRequest(_run.Out, xlsx) { NoticesDirectory = foreign, Pdf = false }, "already holds other files"),
            (new ReportRequest(_run.Out, xlsx) { NoticesDirectory = Path.Combine(_work, "n"), ChromiumPath = "/nonexistent/chromium" }, "--no-pdf"),
        ];
        foreach (var (request, says) in cases)
        {
            var (code, _, errors) = await Run(request);
            Assert.Equal(ReportJob.BadInput, code);
            Assert.StartsWith("error: ", errors);
            Assert.Contains(says, errors);
            Assert.Single(errors.Trim().Split('\n'));
            Assert.DoesNotContain("   at ", errors);
            Assert.False(File.Exists(xlsx), says);
        }

        Assert.Equal(["keep.txt"], Directory.GetFiles(foreign).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Path.Combine(_work, "n")));
        Assert.Empty(Directory.GetFiles(_work, ".*partial*"));
    }

    [Fact]
    public async Task Unreadable_rows_are_reported_by_line_and_skipped()
    {
        var copy = Path.Combine(_work, "copy");
        Directory.CreateDirectory(copy);
        foreach (var name in new[] { "results.csv", "review.csv", "cases.csv" }) File.Copy(Path.Combine(_run.Out, name), Path.Combine(copy, name));
        File.AppendAllText(Path.Combine(copy, "review.csv"), "F9999999,R1,full_name\n");
        var (code, _, errors) = await Run(new ReportRequest(copy, Path.Combine(_work, "x.xlsx")));
        Assert.Equal(0, code);
        Assert.Contains("warning: review.csv line", errors);
        Assert.DoesNotContain("F9999999", errors);
    }
}
