using System.Diagnostics;
using System.Globalization;
using CccdRecon.Reports;
using CccdRecon.Reports.Arrangement;
using CccdRecon.Reports.Notices;
using CccdRecon.Reports.Pdf;
using CccdRecon.Reports.Workbook;

namespace CccdRecon.Cli.Report;

/// <summary>What one <c>report</c> run reads and writes.</summary>
internal sealed record ReportRequest(string ResultsDirectory, string OutputPath)
{
    /// <summary>The original forms.csv, for folders without cases.csv.</summary>
    public string? FormsPath { get; init; }

    public string? UnitCode { get; init; }
    public string? Commune { get; init; }
    public string? BatchId { get; init; }
    public string? NoticesDirectory { get; init; }
    public bool Pdf { get; init; } = true;
    public NoticeOptions Notices { get; init; } = new();
    public string? ChromiumPath { get; init; }
}

/// <summary>
/// <c>cccdrecon report</c>: a results folder → the correction workbook and, on request, the notices (HTML and one PDF per
/// commune). Outputs appear whole or not at all: the workbook is written under a temporary name and renamed last, after
/// the notices folder (itself staged and renamed) is complete.
/// </summary>
internal sealed class ReportJob(TimeProvider time, TextWriter output, TextWriter errors)
{
    public const int BadInput = 2;
    public const int Failed = 1;

    public async Task<int> RunAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        if (InputProblem(request) is { } problem) return Fail(BadInput, problem);

        ResultsFolder.Reading reading;
        try
        {
            var batchId = request.BatchId ?? new DirectoryInfo(Path.GetFullPath(request.ResultsDirectory)).Name;
            var unit = request.UnitCode is null ? null : new BatchUnit(request.UnitCode);
            reading = ResultsFolder.Read(request.ResultsDirectory, request.FormsPath, batchId, unit, time.GetLocalNow(), cancellationToken);
        }
        catch (ResultsFolderException e)
        {
            return Fail(BadInput, e.Message);
        }

        foreach (var warning in reading.Warnings) await errors.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
        var list = reading.List;
        var arrangement = CorrectionArrangement.Arrange(list, new CorrectionReportOptions().Locator,
            new CorrectionScope { UnitCode = request.UnitCode, Commune = request.Commune });

        ChromiumPdfPrinter? printer = null;
        var partial = PartialName(request.OutputPath);
        try
        {
            if (request.NoticesDirectory is not null && request.Pdf)
            {
                try
                {
                    printer = await ChromiumPdfPrinter.LaunchAsync(request.ChromiumPath, cancellationToken).ConfigureAwait(false);
                }
                catch (ChromiumUnavailableException e)
                {
                    return Fail(BadInput, e.Message + " (or add --no-pdf for HTML notices only)");
                }
            }

            WorkbookSummary workbook;
            await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                workbook = CorrectionWorkbook.Write(list, arrangement, stream);
            var workbookSeconds = clock.Elapsed.TotalSeconds;

            IReadOnlyList<NoticeFile> notices = [];
            if (request.NoticesDirectory is not null)
                notices = await NoticeFolder.WriteAsync(list, arrangement, request.NoticesDirectory, request.Notices, printer, cancellationToken).ConfigureAwait(false);

            File.Move(partial, request.OutputPath, overwrite: true);
            var c = CultureInfo.InvariantCulture;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            await output.WriteLineAsync(string.Create(c,
                $"Correction list of batch {list.BatchId}: {workbook.Forms:N0} forms in {arrangement.Communes.Count:N0} communes, {workbook.Fields:N0} fields to correct")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c,
                $"  {request.OutputPath}: {workbook.Sheets.Count:N0} sheets, {new FileInfo(request.OutputPath).Length / 1024.0:N0} KB")).ConfigureAwait(false);
            foreach (var special in workbook.Sheets.Where(s => s.Name is CorrectionWorkbook.NoMatchSheet or CorrectionWorkbook.RejectedSheet or CorrectionWorkbook.AmbiguousSheet))
                await output.WriteLineAsync(string.Create(c, $"    {special.Name}: {special.Rows:N0}")).ConfigureAwait(false);
            if (request.NoticesDirectory is not null)
            {
                await output.WriteLineAsync(string.Create(c,
                    $"  {request.NoticesDirectory}: {notices.Sum(n => n.Pages):N0} notice pages (households) for {notices.Count:N0} communes, HTML{(printer is null ? "" : " and PDF")}; open {NoticeFolder.IndexFile}")).ConfigureAwait(false);
            }

            await output.WriteLineAsync(string.Create(c,
                $"  took {clock.Elapsed.TotalSeconds:0.0} s (workbook {workbookSeconds:0.0} s), {cpuSeconds:0.0} s CPU in this process")).ConfigureAwait(false);
            return 0;
        }
        catch (IOException e)
        {
            return Fail(Failed, $"could not write the outputs: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(Failed, $"could not write the outputs: {e.Message}");
        }
        catch (Microsoft.Playwright.PlaywrightException e)
        {
            return Fail(Failed, "Chromium failed while printing the notices: " + e.Message.Split('\n')[0]);
        }
        finally
        {
            if (printer is not null) await printer.DisposeAsync().ConfigureAwait(false);
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private static string? InputProblem(ReportRequest request)
    {
        if (!Directory.Exists(request.ResultsDirectory)) return $"{request.ResultsDirectory} does not exist or is not a folder";
        if (!request.OutputPath.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) return $"--out {request.OutputPath}: the workbook's name must end in .xlsx";
        if (Directory.Exists(request.OutputPath)) return $"--out {request.OutputPath} is a folder";
        var outDir = Path.GetDirectoryName(Path.GetFullPath(request.OutputPath));
        if (outDir is not null && !Directory.Exists(outDir)) return $"--out: the folder {outDir} does not exist";
        if (request.NoticesDirectory is not null && NoticeFolder.Problem(request.NoticesDirectory) is { } notices) return "--notices: " + notices;
        return null;
    }

    private static string PartialName(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".partial-" + Guid.NewGuid().ToString("N")[..8]);
    }

    private int Fail(int code, string message)
    {
        errors.WriteLine("error: " + message);
        return code;
    }
}
