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
/// <remarks>
/// Every knob below is off by default, and off means the files are byte for byte what they were before the knob
/// existed. Each knob draws from its own random stream, so one switched on changes what it is about and (apart from
/// the rare knock-on of a unique-ID draw) nothing else.
/// </remarks>
public sealed record GeneratorOptions(int Persons, ulong Seed, double AbsentRate = 0.03, DateOnly? Today = null)
{
    /// <summary>Largest share of absent people's forms: one absent person is drawn at most per registered person.</summary>
    public const double MaxAbsentRate = 0.5;

    /// <summary>Share of absent people made look-alikes of a registered person (same name and year, same day, same commune).</summary>
    public double AbsentLookalikes { get; init; }

    /// <summary>How forms write the permanent address; <see cref="Generate.AddressStyle.Legacy"/> keeps the original one-line address.</summary>
    public AddressStyle AddressStyle { get; init; } = AddressStyle.Legacy;

    /// <summary>How the registry writes a structured address (used when <see cref="AddressStyle"/> is not Legacy).</summary>
    public AddressStyle RegistryAddressStyle { get; init; } = AddressStyle.Full;

    /// <summary>Share of forms whose address is written on the 2025 map (34 provinces, no district, communes renamed).</summary>
    public double Post2025Share { get; init; }

    /// <summary>Share of registered people's forms with a keying slip in one syllable of the given name or surname.</summary>
    public double NameTypoRate { get; init; }

    /// <summary>
    /// Code of the one province the population lives in (a province batch), e.g. "019"; null spreads people over all
    /// 63 provinces. 85 % are born there and 95 % live there.
    /// </summary>
    public string? Province { get; init; }

    internal DateOnly SurveyDate => Today ?? new DateOnly(2026, 11, 22);

    internal bool StructuredAddresses => AddressStyle != AddressStyle.Legacy;

    /// <summary>The first thing wrong with these options, or null.</summary>
    public string? Problem() => this switch
    {
        { Persons: < 0 } => "--persons must not be negative",
        { AbsentRate: < 0 or > MaxAbsentRate } => $"--absent-rate must be between 0 and {MaxAbsentRate}",
        { AbsentLookalikes: < 0 or > 1 } => "--absent-lookalikes must be between 0 and 1",
        { Post2025Share: < 0 or > 1 } => "--post2025-share must be between 0 and 1",
        { NameTypoRate: < 0 or > 0.5 } => "--name-typo-rate must be between 0 and 0.5",
        { Province: { } code } when Core.Places.Province.All.All(p => p.Code != code) => $"--province {code}: not one of the 63 province codes (001 Hà Nội … 096 Cà Mau)",
        { RegistryAddressStyle: AddressStyle.Legacy or AddressStyle.Varied } => "--registry-address-style must be full, abbreviated or mixed",
        { StructuredAddresses: false, Post2025Share: > 0 } => "--post2025-share needs an --address-style (full, abbreviated, mixed or varied)",
        { StructuredAddresses: false, RegistryAddressStyle: not AddressStyle.Full } => "--registry-address-style needs an --address-style (full, abbreviated, mixed or varied)",
        _ => null,
    };

    /// <summary>A knob's own stream, derived from the seed and the knob's salt.</summary>
    internal Rng Stream(ulong salt) => new(new Rng(Seed ^ salt).NextUInt64());
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

    /// <summary>Salts of the knobs' own random streams.</summary>
    private const ulong AddressSalt = 0xADD2_E55E_5000_0001UL, TypoSalt = 0x7990_0000_0000_0002UL, LookalikeSalt = 0x100C_A11C_E000_0003UL,
        PlaceSalt = 0x9A0F_1AC3_0000_0004UL, AddressFormSalt = 0xADD2_E55F_0000_0005UL;

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
        if (options.Problem() is { } problem) throw new ArgumentOutOfRangeException(nameof(options), problem);

        using var registry = TruthCsv.CreateWriter(registryWriter);
        using var forms = TruthCsv.CreateWriter(formsWriter);
        using var truth = TruthCsv.CreateWriter(truthWriter);
        registry.WriteHeader(RegistryColumns);
        forms.WriteHeader(FormColumns);
        truth.WriteHeader(TruthCsv.Columns);

        var residences = options.StructuredAddresses ? new Residences(options.Stream(AddressSalt), options.Stream(AddressFormSalt)) : null;
        var factory = new PersonFactory(new Rng(options.Seed), options.SurveyDate)
        {
            Residences = residences,
            RegistryAddressStyle = options.RegistryAddressStyle,
            HomeProvince = options.Province is { } code ? Province.All.First(p => p.Code == code) : null,
            PlaceRng = options.Province is null ? null : options.Stream(PlaceSalt),
        };
        var damager = new FormDamager(factory, new FormKnobs(
            residences, options.AddressStyle, options.Post2025Share,
            options.NameTypoRate > 0 ? options.Stream(TypoSalt) : null, options.NameTypoRate));
        var lookalikes = options.AbsentLookalikes > 0 ? new AbsentLookalikes(factory, options.Stream(LookalikeSalt), options.AbsentLookalikes) : null;
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
                string[] tags = ["absent"];
                // A third of absent people share name and birth year with someone who is registered: the trap.
                if (recentCount > 0 && rng.Chance(0.33))
                {
                    factory.MakeNamesake(absent, recent[rng.Next(Math.Min(recentCount, recent.Length))]);
                    tags = ["absent", "namesake"];
                }
                // The look-alike knob re-draws some of them (from its own stream) as harder traps.
                tags = lookalikes?.TryDisguise(absent, recent, recentCount) ?? tags;
                Emit(absent, inRegistry: false, 1.0, tags);
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
