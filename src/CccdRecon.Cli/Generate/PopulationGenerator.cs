using CccdRecon.Cli.Evaluate;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Places;
using CsvHelper;

namespace CccdRecon.Cli.Generate;

/// <summary>What to generate.</summary>
/// <param name="Persons">registry records to write</param>
/// <param name="Seed">the same seed always gives the same bytes</param>
/// <param name="AbsentRate">share of forms whose person is not in the registry</param>
/// <param name="Today">the survey date: ages, two-digit years and old ID cards are judged against it</param>
public sealed record GeneratorOptions(int Persons, ulong Seed, double AbsentRate = 0.03, DateOnly? Today = null)
{
    internal DateOnly SurveyDate => Today ?? new DateOnly(2026, 11, 22);
}

/// <summary>Counts of what was written, for the command's summary line and the tests.</summary>
public sealed class GenerationSummary
{
    public int RegistryRecords { get; internal set; }
    public int Forms { get; internal set; }
    public int AbsentForms { get; internal set; }
    public int RegistryOnly { get; internal set; }
    public int FormsWithFlags { get; internal set; }
    public SortedDictionary<string, int> Damages { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Writes a synthetic civil registry, the survey forms collected from the same people (with keying damage) and the
/// truth. Streams: memory stays flat whatever <see cref="GeneratorOptions.Persons"/> is, apart from the ID sets
/// that keep personal IDs unique.
/// </summary>
public static class PopulationGenerator
{
    /// <summary>Share of registry records that get a form (the rest were not surveyed).</summary>
    private const double FormCoverage = 0.93;
    private const double TwinShare = 0.01;
    private const double NamesakeShare = 0.01;

    internal static readonly string[] RegistryColumns =
        ["record_id", "personal_id", "old_id", "full_name", "date_of_birth", "gender", "birth_place", "hometown", "ethnicity", "permanent_address", "father_name", "mother_name"];

    internal static readonly string[] FormColumns =
        ["form_id", "personal_id", "full_name", "date_of_birth", "gender", "birth_place", "hometown", "ethnicity", "permanent_address", "father_name", "mother_name"];

    /// <summary>Writes DIR/registry.csv, DIR/forms.csv and DIR/truth.csv.</summary>
    public static GenerationSummary GenerateToDirectory(GeneratorOptions options, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        using var registry = Open(Path.Combine(directory, "registry.csv"));
        using var forms = Open(Path.Combine(directory, "forms.csv"));
        using var truth = Open(Path.Combine(directory, "truth.csv"));
        return Generate(options, registry, forms, truth, cancellationToken);
    }

    private static StreamWriter Open(string path) =>
        new(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);

    public static GenerationSummary Generate(GeneratorOptions options, TextWriter registryWriter, TextWriter formsWriter, TextWriter truthWriter, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Persons);
        if (options.AbsentRate is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), "absent rate must be in [0, 1)");

        using var registry = TruthCsv.CreateWriter(registryWriter);
        using var forms = TruthCsv.CreateWriter(formsWriter);
        using var truth = TruthCsv.CreateWriter(truthWriter);
        registry.WriteHeader(RegistryColumns);
        forms.WriteHeader(FormColumns);
        truth.WriteHeader(TruthCsv.Columns);

        var factory = new PersonFactory(new Rng(options.Seed), options.SurveyDate);
        var damager = new FormDamager(factory);
        var rng = factory.Rng;
        var summary = new GenerationSummary();
        // Absent forms are drawn per registry person so that they end up AbsentRate of all forms.
        var absentPerPerson = options.AbsentRate * FormCoverage / (1 - options.AbsentRate);
        var recent = new Person[64];
        var recentCount = 0;
        var formNumber = 0;

        void Emit(Person person, bool inRegistry, double coverage, params string[] tags)
        {
            if (inRegistry)
            {
                WriteRegistry(registry, person);
                summary.RegistryRecords++;
                recent[recentCount++ % recent.Length] = person;
            }
            if (!rng.Chance(coverage))
            {
                summary.RegistryOnly++;
                return;
            }
            var formId = $"F{++formNumber:D7}";
            var form = damager.Damage(person, substantiveAllowed: inRegistry);
            form.Damages.InsertRange(0, tags);
            WriteForm(forms, formId, form);
            WriteTruth(truth, formId, inRegistry ? person.RecordId : "", form);
            summary.Forms++;
            if (!inRegistry) summary.AbsentForms++;
            if (form.Flags.Count > 0) summary.FormsWithFlags++;
            foreach (var d in form.Damages) summary.Damages[d] = summary.Damages.GetValueOrDefault(d) + 1;
        }

        while (summary.RegistryRecords < options.Persons)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rng.Chance(absentPerPerson))
            {
                var absent = factory.NewPerson("");
                // A third of absent people share name and birth year with someone who is registered: the trap.
                if (recentCount > 0 && rng.Chance(0.33))
                {
                    factory.MakeNamesake(absent, recent[rng.Next(Math.Min(recentCount, recent.Length))]);
                    Emit(absent, inRegistry: false, 1.0, "absent", "namesake");
                }
                else
                {
                    Emit(absent, inRegistry: false, 1.0, "absent");
                }
            }

            var left = options.Persons - summary.RegistryRecords;
            var roll = rng.NextDouble();
            var first = factory.NewPerson(NextRecordId(summary));
            if (left >= 2 && roll < TwinShare)
            {
                var twin = factory.NewTwin(first, RecordIdAt(summary.RegistryRecords + 1));
                Emit(first, true, 0.97, "twin");
                Emit(twin, true, 0.97, "twin");
            }
            else if (left >= 2 && roll < TwinShare + NamesakeShare)
            {
                var namesake = factory.NewPerson(RecordIdAt(summary.RegistryRecords + 1));
                factory.MakeNamesake(namesake, first);
                Emit(first, true, 0.97, "namesake");
                Emit(namesake, true, 0.97, "namesake");
            }
            else
            {
                Emit(first, true, FormCoverage);
            }
        }

        registry.Flush();
        forms.Flush();
        truth.Flush();
        return summary;
    }

    private static string NextRecordId(GenerationSummary summary) => RecordIdAt(summary.RegistryRecords);

    private static string RecordIdAt(int index) => $"R{index + 1:D7}";

    private static void WriteRegistry(CsvWriter w, Person p)
    {
        w.WriteField(p.RecordId);
        w.WriteField(p.PersonalId);
        w.WriteField(p.OldId);
        w.WriteField(string.Join(' ', p.Name));
        w.WriteField(p.RegistryDate);
        w.WriteField(p.Male ? "male" : "female");
        w.WriteField(p.BirthPlace.Name);
        w.WriteField(p.Hometown);
        w.WriteField(p.Ethnicity);
        w.WriteField(p.Address);
        w.WriteField(p.Father is null ? null : string.Join(' ', p.Father));
        w.WriteField(p.Mother is null ? null : string.Join(' ', p.Mother));
        w.EndRecord();
    }

    private static void WriteForm(CsvWriter w, string formId, DamagedForm f)
    {
        w.WriteField(formId);
        w.WriteField(f.PersonalId);
        w.WriteField(f.FullName);
        w.WriteField(f.DateOfBirth);
        w.WriteField(f.Gender);
        w.WriteField(f.BirthPlace);
        w.WriteField(f.Hometown);
        w.WriteField(f.Ethnicity);
        w.WriteField(f.PermanentAddress);
        w.WriteField(f.FatherName);
        w.WriteField(f.MotherName);
        w.EndRecord();
    }

    private static void WriteTruth(CsvWriter w, string formId, string recordId, DamagedForm f)
    {
        w.WriteField(formId);
        w.WriteField(recordId);
        w.WriteField(TruthCsv.FormatFlags(f.Flags));
        w.WriteField(string.Join(';', f.Damages));
        w.EndRecord();
    }
}
