using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;
using CccdRecon.Reports;

namespace CccdRecon.Cli.Report;

/// <summary>A results folder could not be read: one line saying which file and why (never its data).</summary>
internal sealed class ResultsFolderException(string message) : Exception(message);

/// <summary>
/// Reads a <c>reconcile</c> output folder into a <see cref="CorrectionList"/>: statuses from results.csv, the fields to
/// correct from review.csv, each form as keyed from cases.csv (written by reconcile since correction lists exist) or,
/// for older folders and <c>batch</c> output, from the original forms.csv.
/// </summary>
internal static class ResultsFolder
{
    public const string Results = "results.csv";
    public const string Review = "review.csv";
    public const string Cases = "cases.csv";

    /// <summary>What was read, and the rows that could not be (by file and line, never by content).</summary>
    public sealed record Reading(CorrectionList List, IReadOnlyList<string> Warnings);

    public static Reading Read(string directory, string? formsPath, string batchId, BatchUnit? unit, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory)) throw new ResultsFolderException($"{directory} does not exist or is not a folder");
        var warnings = new List<string>();
        var resultsPath = Path.Combine(directory, Results);
        if (!File.Exists(resultsPath)) throw new ResultsFolderException($"{directory} has no {Results}: give the --out folder of a `cccdrecon reconcile` run");

        // 1. Which forms need a person.
        var needing = new Dictionary<string, ResultRow>(StringComparer.Ordinal);
        foreach (var row in ReadFile(resultsPath, s => InterchangeCsv.ReadResults(s, Rejected(warnings, Results), cancellationToken)))
        {
            if (row.Status != MatchStatus.Clean) needing[row.FormId] = row;
        }

        // 2. The fields to correct.
        var fields = new Dictionary<string, List<CorrectionField>>(StringComparer.Ordinal);
        var reviewPath = Path.Combine(directory, Review);
        if (needing.Values.Any(r => r.Status == MatchStatus.Review))
        {
            if (!File.Exists(reviewPath)) throw new ResultsFolderException($"{directory} has no {Review}, and {Results} has forms to review");
            foreach (var row in ReadFile(reviewPath, s => InterchangeCsv.ReadReview(s, Rejected(warnings, Review), cancellationToken)))
            {
                if (!needing.TryGetValue(row.FormId, out var result) || result.Status != MatchStatus.Review) continue;
                if (!fields.TryGetValue(row.FormId, out var list)) fields[row.FormId] = list = [];
                list.Add(new CorrectionField(row.Field, row.Kind, row.FormValue, row.RegistryValue, row.Suggestion) { Note = row.Reason });
            }
        }

        // 3. The forms as keyed.
        var casesPath = Path.Combine(directory, Cases);
        string formsFile;
        if (formsPath is not null)
        {
            if (!File.Exists(formsPath)) throw new ResultsFolderException($"{formsPath} does not exist");
            formsFile = formsPath;
        }
        else if (File.Exists(casesPath))
        {
            formsFile = casesPath;
        }
        else
        {
            throw new ResultsFolderException($"{directory} has no {Cases} (reconcile writes it since correction lists exist): run reconcile again, or give the original forms with --forms");
        }

        var forms = new Dictionary<string, SurveyForm>(StringComparer.Ordinal);
        var formsName = Path.GetFileName(formsFile);
        foreach (var form in ReadFile(formsFile, s => InterchangeCsv.ReadForms(s, Rejected(warnings, formsName), cancellationToken)))
        {
            if (needing.ContainsKey(form.FormId)) forms[form.FormId] = form;
        }

        var cases = new List<CorrectionCase>(needing.Count);
        int missingForms = 0, reviewWithoutFields = 0;
        foreach (var (formId, result) in needing)
        {
            if (!forms.TryGetValue(formId, out var form))
            {
                missingForms++;
                form = new SurveyForm { FormId = formId };
            }

            var caseFields = fields.TryGetValue(formId, out var f) ? f : [];
            if (result.Status == MatchStatus.Review && caseFields.Count == 0) reviewWithoutFields++;
            cases.Add(new CorrectionCase
            {
                FormId = formId,
                Status = CorrectionCases.StatusOf(result.Status),
                RecordId = result.RecordId,
                FullName = form.FullName,
                DateOfBirth = form.DateOfBirth,
                PersonalId = form.PersonalId,
                Gender = form.Gender,
                Address = form.PermanentAddress,
                Fields = caseFields,
            });
        }

        if (missingForms > 0) warnings.Add($"{missingForms:N0} forms of {Results} are not in {formsName}: listed by form id only");
        if (reviewWithoutFields > 0) warnings.Add($"{reviewWithoutFields:N0} forms to review have no rows in {Review}: listed without fields");
        return new Reading(new CorrectionList { BatchId = batchId, Unit = unit, CreatedAt = createdAt, Cases = cases }, warnings);
    }

    private static List<T> ReadFile<T>(string path, Func<Stream, IEnumerable<T>> read)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return read(stream).ToList();
        }
        catch (InterchangeFormatException e)
        {
            throw new ResultsFolderException($"{Path.GetFileName(path)}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new ResultsFolderException($"{path} cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ResultsFolderException($"{path} cannot be read: permission denied");
        }
    }

    // A handful of rejected rows are named by line; more are counted.
    private const int NamedRejections = 5;

    private static Action<CsvRejection> Rejected(List<string> warnings, string file)
    {
        int count = 0;
        return r =>
        {
            count++;
            if (count <= NamedRejections) warnings.Add($"{file} line {r.Line}: {r.Reason}; row skipped");
            else if (count == NamedRejections + 1) warnings.Add($"{file}: more rows skipped (see the lines above for the kind of problem)");
        };
    }
}
