using System.CommandLine;
using CccdRecon.Reports.Notices;

namespace CccdRecon.Cli.Report;

/// <summary>
/// <c>cccdrecon report --results DIR --out FILE.xlsx [--unit CODE] [--commune NAME] [--notices DIR] [--appointment TEXT]</c>:
/// the correction list of a <c>reconcile</c> run as a workbook, and the printable notices.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var results = new Option<DirectoryInfo>("--results") { Description = "A `reconcile` output folder (results.csv, review.csv, cases.csv)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The workbook to write (.xlsx)", Required = true };
        var unit = new Option<string?>("--unit") { Description = "Administrative unit code (2, 3 or 5 digits) the list is for: forms whose address lies elsewhere are left out; forms whose address names no commune are listed under it" };
        unit.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !Core.Places.UnitCodes.IsValid(value))
                result.AddError($"--unit must be {Core.Places.UnitCodes.Rule}, e.g. 01 or 05443");
        });
        var commune = new Option<string?>("--commune") { Description = "Only the commune whose name contains this text (case and diacritics ignored), e.g. \"an khanh\"" };
        var batch = new Option<string?>("--batch") { Description = "The batch's name on every page (default: the results folder's name)" };
        var forms = new Option<FileInfo?>("--forms") { Description = "The original forms.csv, for a results folder without cases.csv (older runs, `batch` output)" };
        var notices = new Option<DirectoryInfo?>("--notices") { Description = "Also write the printable notices here: HTML and one PDF per commune (index.html lists them)" };
        var appointment = new Option<string?>("--appointment") { Description = $"When citizens should come, printed on every notice (default: \"{NoticeOptions.DefaultAppointment}\")" };
        var place = new Option<string?>("--place") { Description = "Where citizens should come (default: the commune police office of each household)" };
        var contact = new Option<string?>("--contact") { Description = "A telephone number or name to ask, printed on every notice" };
        var noPdf = new Option<bool>("--no-pdf") { Description = "HTML notices only (no Chromium needed)" };
        var command = new Command("report", "Correction list (Excel) and printable notices (HTML, PDF) from a reconcile output folder")
        {
            results, output, unit, commune, batch, forms, notices, appointment, place, contact, noPdf,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new NoticeOptions
            {
                Place = parse.GetValue(place),
                Contact = parse.GetValue(contact),
            };
            if (parse.GetValue(appointment) is { Length: > 0 } when) options = options with { Appointment = when };
            var request = new ReportRequest(parse.GetValue(results)!.FullName, parse.GetValue(output)!.FullName)
            {
                UnitCode = parse.GetValue(unit),
                Commune = parse.GetValue(commune),
                BatchId = parse.GetValue(batch),
                FormsPath = parse.GetValue(forms)?.FullName,
                NoticesDirectory = parse.GetValue(notices)?.FullName,
                Pdf = !parse.GetValue(noPdf),
                Notices = options,
            };
            return new ReportJob(TimeProvider.System, Console.Out, Console.Error).RunAsync(request, cancellationToken);
        });
        return command;
    }
}
