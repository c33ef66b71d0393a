using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;

namespace CccdRecon.Data.Intake;

/// <summary>
/// Builds the intake record (hồ sơ sạch): the engine's composition (registry identity, form residence), with a
/// reviewer's decisions applied on top, and the source of every field, stored as one letter a field
/// (<see cref="StoredFieldOrder"/>, <see cref="SourceLetters"/>): "rrrrrrrrfrr" for a record whose residence is the
/// form's. Rows written before hold <c>field=source</c> pairs joined by ';' (≈ 200 bytes a record against 11; a
/// 400,000-form batch writes ≈ 270,000 clean records), and still read.
/// </summary>
public static class CleanRecords
{
    /// <summary>
    /// The fields in the order of their letters in a stored row. Never reordered or shortened: stored rows keep it; a
    /// new person field is appended (a row written before it is then shorter, and has no source for it).
    /// </summary>
    internal static readonly string[] StoredFieldOrder =
    [
        PersonFields.PersonalId, PersonFields.OldId, PersonFields.FullName, PersonFields.DateOfBirth, PersonFields.Gender,
        PersonFields.BirthPlace, PersonFields.Hometown, PersonFields.Ethnicity, PersonFields.PermanentAddress,
        PersonFields.FatherName, PersonFields.MotherName,
    ];

    /// <summary>The letter stored for a field without a value (no source).</summary>
    internal const char NoValue = '-';

    /// <summary>
    /// The stored letter of each source, at its <see cref="ValueSource"/> number: registry 'r', form 'f', reviewer 'v'
    /// ('?' for <see cref="ValueSource.Unknown"/>, never written). Never changed: stored records keep them.
    /// </summary>
    internal const string SourceLetters = "?rfv";

    /// <summary>The names the pairs of rows written before the letters hold. Never renamed.</summary>
    private static readonly Dictionary<string, ValueSource> SourcesByPairName = new(StringComparer.Ordinal)
    {
        ["registry"] = ValueSource.Registry,
        ["form"] = ValueSource.Form,
        ["reviewer"] = ValueSource.Reviewer,
    };

    private const char PairSeparator = ';';
    private const char FieldSeparator = '=';

    private static readonly int FieldCount = StoredFieldOrder.Length;

    public static CleanRecordRow FromMatch(string batchId, SurveyForm form, RegistryRecord record, DateTimeOffset now)
        => ToRow(batchId, form, Reconciler.ComposeClean(form, record).Record, new Dictionary<string, ValueSource>(), now);

    /// <summary>Applies the latest decision per field: keep registry, take the form's value, or the reviewer's correction.</summary>
    public static CleanRecordRow FromReview(string batchId, SurveyForm form, RegistryRecord record,
        IEnumerable<DiscrepancyRow> discrepancies, IEnumerable<FieldDecisionRow> decisions, DateTimeOffset now)
    {
        var composed = Reconciler.ComposeClean(form, record).Record;
        var formValues = discrepancies.GroupBy(d => d.Field).ToDictionary(g => g.Key, g => g.First().FormValue);
        var sources = new Dictionary<string, ValueSource>();
        foreach (var decision in decisions.GroupBy(d => d.Field).Select(g => g.OrderBy(d => d.Id).Last()))
        {
            switch (decision.Action)
            {
                case DecisionKind.TakeForm:
                    composed = PersonFields.With(composed, decision.Field, formValues.GetValueOrDefault(decision.Field) ?? PersonFields.ValueOf(form, decision.Field));
                    sources[decision.Field] = ValueSource.Form;
                    break;
                case DecisionKind.Correct:
                    composed = PersonFields.With(composed, decision.Field, decision.Value);
                    sources[decision.Field] = ValueSource.Reviewer;
                    break;
                default:
                    sources[decision.Field] = ValueSource.Registry;
                    break;
            }
        }
        return ToRow(batchId, form, composed, sources, now);
    }

    public static IntakeRecord ToIntakeRecord(CleanRecordRow row)
        => new(row.Id, row.BatchId, row.FormId, row.Person.ToRecord(row.RecordId, row.OldId), ParseSources(row.Sources));

    /// <summary>The sources a stored row holds, in <see cref="StoredFieldOrder"/>: its letters, or the pairs of a row written before them.</summary>
    internal static List<FieldProvenance> ParseSources(string stored)
    {
        var sources = new List<FieldProvenance>(FieldCount);
        if (stored.Contains(FieldSeparator, StringComparison.Ordinal))
        {
            foreach (var pair in stored.Split(PairSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                // A damaged pair without its separator names a field of unknown source, as an unknown source name does.
                sources.Add(pair.IndexOf(FieldSeparator) is >= 0 and var at
                    ? new FieldProvenance(pair[..at], SourcesByPairName.GetValueOrDefault(pair[(at + 1)..], ValueSource.Unknown))
                    : new FieldProvenance(pair, ValueSource.Unknown));
            }
            return sources;
        }
        for (var i = 0; i < stored.Length && i < FieldCount; i++)
        {
            if (stored[i] != NoValue)
            {
                sources.Add(new FieldProvenance(StoredFieldOrder[i], SourceOfLetter(stored[i])));
            }
        }
        return sources;
    }

    private static ValueSource SourceOfLetter(char letter) => SourceLetters.IndexOf(letter) is > 0 and var at ? (ValueSource)at : ValueSource.Unknown;

    /// <summary>Every field the record has a value for, with its source: decided, else the form's residence, else the registry.</summary>
    private static CleanRecordRow ToRow(string batchId, SurveyForm form, RegistryRecord r, Dictionary<string, ValueSource> decided, DateTimeOffset now)
    {
        Span<char> letters = stackalloc char[FieldCount];
        for (var i = 0; i < FieldCount; i++)
        {
            var field = StoredFieldOrder[i];
            letters[i] = string.IsNullOrEmpty(PersonFields.ValueOf(r, field)) ? NoValue
                : SourceLetters[(int)(decided.TryGetValue(field, out var source) ? source
                    : field == PersonFields.PermanentAddress && !string.IsNullOrWhiteSpace(form.PermanentAddress) ? ValueSource.Form
                    : ValueSource.Registry)];
        }
        return new CleanRecordRow
        {
            BatchId = batchId,
            FormId = form.FormId,
            RecordId = r.RecordId,
            OldId = r.OldId,
            Person = PersonColumns.Of(r),
            Sources = new string(letters),
            CreatedAt = now,
        };
    }
}
