using System.Globalization;
using CccdRecon.Core.Matching;
using CsvHelper;
using static CccdRecon.Core.Interchange.InterchangeColumns;


namespace CccdRecon.Core.Interchange;

/// <summary>A row that could not be read: its physical line number in the file (header is line 1) and why.</summary>
public sealed record CsvRejection(long Line, string Reason);

/// <summary>
/// Reads and writes the interchange CSV files (../shared/spec/interchange.md, copied to docs/interchange.md).
/// Readers stream, never throw on a bad row (they report it and go on) and never lose good rows.
/// A file-level problem (no header, a required column missing) throws <see cref="InterchangeFormatException"/>
/// before any row is returned.
/// </summary>
public static class InterchangeCsv
{
    private static readonly InterchangeTable RegistryTable = new(
        RecordId, Registry, requiredColumns: [RecordId, FullName, DateOfBirth, Gender], nonEmptyColumns: [RecordId, FullName], singleLineColumns: [RecordId, FullName]);

    // docs/interchange.md: forms.csv has registry.csv's columns (form_id for record_id), so the same columns are required;
    // a form's cells may be empty (a form keyed without a date is still a form), but the columns must be there.
    private static readonly InterchangeTable FormsTable = new(
        FormId, Forms, requiredColumns: [FormId, FullName, DateOfBirth, Gender], nonEmptyColumns: [FormId, FullName], singleLineColumns: [FormId, FullName]);

    private static readonly InterchangeTable ResultsTable = new(
        FormId, Results, requiredColumns: [FormId, Status, Score], nonEmptyColumns: [FormId, Status, Score], singleLineColumns: [FormId, Status]);

    private static readonly InterchangeTable ReviewTable = new(
        FormId, InterchangeColumns.Review, requiredColumns: [FormId, InterchangeColumns.Field, InterchangeColumns.Kind, InterchangeColumns.FormValue, InterchangeColumns.RegistryValue, InterchangeColumns.Suggestion],
        nonEmptyColumns: [FormId, InterchangeColumns.Field, InterchangeColumns.Kind], singleLineColumns: [FormId, InterchangeColumns.Field, InterchangeColumns.Kind],
        alsoUniqueBy: [InterchangeColumns.Field]);

    // Quoting values with edge whitespace keeps them intact through readers that trim unquoted fields.
    // No formula-injection escaping: these files are exchanged between systems, and an added ' would change the data.
    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with
    {
        Separator = ',',
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        NewLine = "\r\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Streams registry.csv records; every unreadable row is passed to <paramref name="reject"/>.</summary>
    /// <remarks>
    /// A row with an empty date_of_birth or gender is kept with those values null: the registry is authoritative and
    /// the engine treats them as unknown rather than losing the person.
    /// </remarks>
    /// <exception cref="InterchangeFormatException">No header row, or it lacks record_id, full_name, date_of_birth or gender.</exception>
    public static IEnumerable<RegistryRecord> ReadRegistry(Stream stream, Action<CsvRejection> reject, CancellationToken cancellationToken = default)
        => RegistryTable.Read<RegistryRecord>(stream, header =>
        {
            int personalId = header[PersonalId], oldId = header[OldId], fullName = header[FullName],
                dateOfBirth = header[DateOfBirth], gender = header[Gender], birthPlace = header[BirthPlace], hometown = header[Hometown],
                ethnicity = header[Ethnicity], address = header[PermanentAddress], father = header[FatherName], mother = header[MotherName];
            // A registry is held in memory for the whole run: a province's million rows repeat a few thousand dates,
            // places, ethnicities and genders, each kept once.
            var repeated = new RepeatedValues();
            return (CsvReader reader, string key, out string? problem) =>
            {
                problem = null;
                return new RegistryRecord
                {
                    RecordId = key,
                    PersonalId = InterchangeTable.Cell(reader, personalId),
                    OldId = InterchangeTable.Cell(reader, oldId),
                    FullName = InterchangeTable.Cell(reader, fullName)!,
                    DateOfBirth = repeated.Keep(reader, dateOfBirth)!,
                    Gender = repeated.Keep(reader, gender)!,
                    BirthPlace = repeated.Keep(reader, birthPlace),
                    Hometown = repeated.Keep(reader, hometown),
                    Ethnicity = repeated.Keep(reader, ethnicity),
                    PermanentAddress = InterchangeTable.Cell(reader, address),
                    FatherName = InterchangeTable.Cell(reader, father),
                    MotherName = InterchangeTable.Cell(reader, mother),
                };
            };
        }, reject, cancellationToken);

    /// <summary>Streams forms.csv forms; every unreadable row is passed to <paramref name="reject"/>.</summary>
    /// <exception cref="InterchangeFormatException">No header row, or it lacks form_id, full_name, date_of_birth or gender.</exception>
    public static IEnumerable<SurveyForm> ReadForms(Stream stream, Action<CsvRejection> reject, CancellationToken cancellationToken = default)
        => FormsTable.Read<SurveyForm>(stream, header =>
        {
            int personalId = header[PersonalId], fullName = header[FullName], dateOfBirth = header[DateOfBirth],
                gender = header[Gender], birthPlace = header[BirthPlace], hometown = header[Hometown], ethnicity = header[Ethnicity],
                address = header[PermanentAddress], father = header[FatherName], mother = header[MotherName];
            return (CsvReader reader, string key, out string? problem) =>
            {
                problem = null;
                return new SurveyForm
                {
                    FormId = key,
                    PersonalId = InterchangeTable.Cell(reader, personalId),
                    FullName = InterchangeTable.Cell(reader, fullName),
                    DateOfBirth = InterchangeTable.Cell(reader, dateOfBirth),
                    Gender = InterchangeTable.Cell(reader, gender),
                    BirthPlace = InterchangeTable.Cell(reader, birthPlace),
                    Hometown = InterchangeTable.Cell(reader, hometown),
                    Ethnicity = InterchangeTable.Cell(reader, ethnicity),
                    PermanentAddress = InterchangeTable.Cell(reader, address),
                    FatherName = InterchangeTable.Cell(reader, father),
                    MotherName = InterchangeTable.Cell(reader, mother),
                };
            };
        }, reject, cancellationToken);

    /// <summary>Streams results.csv rows (as <see cref="WriteResults"/> writes them); every unreadable row is passed to <paramref name="reject"/>.</summary>
    /// <exception cref="InterchangeFormatException">No header row, or it lacks form_id, status or score.</exception>
    public static IEnumerable<ResultRow> ReadResults(Stream stream, Action<CsvRejection> reject, CancellationToken cancellationToken = default)
        => ResultsTable.Read<ResultRow>(stream, header =>
        {
            int status = header[Status], recordId = header[RecordId], score = header[Score], flags = header[Flags];
            return (CsvReader reader, string key, out string? problem) =>
            {
                problem = null;
                if (!InterchangeNames.TryParseStatus(InterchangeTable.Cell(reader, status)?.Trim(), out var parsedStatus))
                {
                    problem = "status is not clean, review, no_match or ambiguous";
                }
                else if (!double.TryParse(InterchangeTable.Cell(reader, score), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsedScore)
                    || parsedScore is < 0 or > 1 or double.NaN)
                {
                    problem = "score is not a number from 0 to 1";
                }
                else if (!TryParseFlags(InterchangeTable.Cell(reader, flags), out var parsedFlags))
                {
                    problem = "flags is not a ;-separated list of field:kind pairs";
                }
                else
                {
                    var matched = InterchangeTable.Cell(reader, recordId)?.Trim();
                    if (matched is null && parsedStatus is MatchStatus.Clean or MatchStatus.Review)
                    {
                        problem = "record_id is empty for a matched form";
                        return null;
                    }

                    return new ResultRow(key, parsedStatus, matched, parsedScore, parsedFlags);
                }

                return null;
            };
        }, reject, cancellationToken);

    /// <summary>
    /// Streams review.csv rows (one per form and flagged field, as <see cref="WriteReview"/> writes them); a file from
    /// before the <c>reason</c> column is read with no reasons. Every unreadable row is passed to <paramref name="reject"/>.
    /// </summary>
    /// <exception cref="InterchangeFormatException">No header row, or it lacks form_id, field, kind, form_value, registry_value or suggestion.</exception>
    public static IEnumerable<ReviewRow> ReadReview(Stream stream, Action<CsvRejection> reject, CancellationToken cancellationToken = default)
        => ReviewTable.Read<ReviewRow>(stream, header =>
        {
            int recordId = header[RecordId], field = header[InterchangeColumns.Field], kind = header[InterchangeColumns.Kind],
                formValue = header[InterchangeColumns.FormValue], registryValue = header[InterchangeColumns.RegistryValue],
                suggestion = header[InterchangeColumns.Suggestion], reason = header[InterchangeColumns.Reason];
            return (CsvReader reader, string key, out string? problem) =>
            {
                problem = null;
                return new ReviewRow(key, InterchangeTable.Cell(reader, recordId)?.Trim(), InterchangeTable.Cell(reader, field)!.Trim(),
                    InterchangeTable.Cell(reader, kind)!.Trim(), InterchangeTable.Cell(reader, formValue) ?? "",
                    InterchangeTable.Cell(reader, registryValue) ?? "", InterchangeTable.Cell(reader, suggestion) ?? "",
                    InterchangeTable.Cell(reader, reason));
            };
        }, reject, cancellationToken);

    public static void WriteRegistry(TextWriter writer, IEnumerable<RegistryRecord> records)
        => Write(writer, Registry, records, true, static (csv, r) =>
        {
            csv.WriteField(r.RecordId);
            WriteRegistryFields(csv, r);
        });

    public static void WriteForms(TextWriter writer, IEnumerable<SurveyForm> forms)
        => Write(writer, Forms, forms, true, WriteFormFields);

    private static void WriteFormFields(CsvWriter csv, SurveyForm f)
    {
        csv.WriteField(f.FormId);
        csv.WriteField(f.PersonalId);
        csv.WriteField(f.FullName);
        csv.WriteField(f.DateOfBirth);
        csv.WriteField(f.Gender);
        csv.WriteField(f.BirthPlace);
        csv.WriteField(f.Hometown);
        csv.WriteField(f.Ethnicity);
        csv.WriteField(f.PermanentAddress);
        csv.WriteField(f.FatherName);
        csv.WriteField(f.MotherName);
    }

    /// <summary>Writes the rejections report: <c>line,reason</c>.</summary>
    public static void WriteRejections(TextWriter writer, IEnumerable<CsvRejection> rejections)
        => Write(writer, InterchangeColumns.Rejections, rejections, true, static (csv, r) =>
        {
            csv.WriteField(r.Line, "D");
            csv.WriteField(r.Reason);
        });

    /// <summary>
    /// Writes a run's rejected.csv: <c>file,line,reason</c>, one row per unreadable row of either input, registry first
    /// and in line order. A rejection without a line (line 0, e.g. reported by a server) leaves the cell empty.
    /// </summary>
    public static void WriteRunRejections(TextWriter writer, IEnumerable<(string File, CsvRejection Rejection)> rejections)
        => Write(writer, InterchangeColumns.SourcedRejections, rejections.OrderBy(r => r.File != "registry").ThenBy(r => r.Rejection.Line), true, static (csv, r) =>
        {
            csv.WriteField(r.File);
            csv.WriteField(r.Rejection.Line > 0 ? r.Rejection.Line.ToString(CultureInfo.InvariantCulture) : "");
            csv.WriteField(r.Rejection.Reason);
        });

    /// <summary>Writes results.csv: <c>form_id,status,record_id,score,flags</c>, the score with three decimals.</summary>
    public static void WriteResults(TextWriter writer, IEnumerable<Reconciliation> results, bool includeHeader = true)
        => Write(writer, Results, results, includeHeader, static (csv, r) =>
        {
            csv.WriteField(r.FormId);
            csv.WriteField(InterchangeNames.StatusName(r.Status));
            csv.WriteField(r.RecordId);
            csv.WriteField(r.Score.ToString("0.000", CultureInfo.InvariantCulture));
            csv.WriteField(r.Flags);
        });

    /// <summary>Writes the reviewers' worklist: one row per discrepancy, <c>form_id,record_id,field,kind,form_value,registry_value,suggestion,reason</c>.</summary>
    public static void WriteReview(TextWriter writer, IEnumerable<Reconciliation> results, bool includeHeader = true)
        => Write(writer, InterchangeColumns.Review, results.SelectMany(r => r.Discrepancies.Select(d => (r, d))), includeHeader, static (csv, item) =>
        {
            csv.WriteField(item.r.FormId);
            csv.WriteField(item.r.RecordId);
            csv.WriteField(item.d.Field);
            csv.WriteField(item.d.Kind);
            csv.WriteField(item.d.FormValue);
            csv.WriteField(item.d.RegistryValue);
            csv.WriteField(item.d.Suggestion);
            csv.WriteField(item.d.Reason);
        });

    /// <summary>
    /// Writes cases.csv: for each form whose status is not <c>clean</c>, the form as keyed in forms.csv's columns, then
    /// <c>status</c> and <c>record_id</c>. A run's correction lists are made from it without the input files; being a
    /// forms.csv, it can also be reconciled again.
    /// </summary>
    public static void WriteCases(TextWriter writer, IEnumerable<(SurveyForm Form, Reconciliation Result)> cases, bool includeHeader = true)
        => Write(writer, InterchangeColumns.Cases, cases.Where(c => c.Result.Status != MatchStatus.Clean), includeHeader, static (csv, c) =>
        {
            WriteFormFields(csv, c.Form);
            csv.WriteField(InterchangeNames.StatusName(c.Result.Status));
            csv.WriteField(c.Result.RecordId);
        });

    /// <summary>Writes clean.csv: <c>form_id</c>, then the registry columns in spec order holding the reconciled record.</summary>
    public static void WriteClean(TextWriter writer, IEnumerable<CleanRecord> records, bool includeHeader = true)
        => Write(writer, Clean, records, includeHeader, static (csv, c) =>
        {
            csv.WriteField(c.FormId);
            csv.WriteField(c.Record.RecordId);
            WriteRegistryFields(csv, c.Record);
        });

    private static void WriteRegistryFields(CsvWriter csv, RegistryRecord r)
    {
        csv.WriteField(r.PersonalId);
        csv.WriteField(r.OldId);
        csv.WriteField(r.FullName);
        csv.WriteField(r.DateOfBirth);
        csv.WriteField(r.Gender);
        csv.WriteField(r.BirthPlace);
        csv.WriteField(r.Hometown);
        csv.WriteField(r.Ethnicity);
        csv.WriteField(r.PermanentAddress);
        csv.WriteField(r.FatherName);
        csv.WriteField(r.MotherName);
    }

    /// <summary>
    /// Writes the header (unless a run appends a later chunk) and then one record per item, streaming: CsvHelper hands
    /// full buffers to the writer as it goes.
    /// </summary>
    private static void Write<T>(TextWriter writer, string[] header, IEnumerable<T> items, bool includeHeader, Action<CsvWriter, T> writeFields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        using var csv = CsvWriter.Create(writer, WriterOptions, leaveOpen: true);
        if (includeHeader) csv.WriteHeader(header);
        foreach (var item in items)
        {
            writeFields(csv, item);
            csv.EndRecord();
        }

        csv.Flush();
    }

    private static bool TryParseFlags(string? cell, out IReadOnlyList<FlagPair> flags)
    {
        flags = [];
        if (cell is null)
        {
            return true;
        }

        var pairs = new List<FlagPair>();
        foreach (var part in cell.Split(';', StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0 || colon == part.Length - 1 || part.IndexOf(':', colon + 1) >= 0)
            {
                return false;
            }

            pairs.Add(new FlagPair(part[..colon].Trim(), part[(colon + 1)..].Trim()));
        }

        flags = pairs;
        return true;
    }
}
