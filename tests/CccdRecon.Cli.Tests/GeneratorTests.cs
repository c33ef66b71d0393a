using System.Text;
using CccdRecon.Cli.Evaluate;
using CccdRecon.Cli.Generate;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;

namespace CccdRecon.Cli.Tests;

public sealed class GeneratorFixture
{
    public GeneratorFixture()
    {
        (Registry, Forms, Truth, Summary) = Run(5000, 20261122);
        var today = new DateOnly(2026, 11, 22);
        RegistryRows = InterchangeCsv.ReadRegistry(Utf8(Registry), r => RegistryRejections.Add(r)).ToDictionary(r => r.RecordId);
        FormRows = InterchangeCsv.ReadForms(Utf8(Forms), r => FormRejections.Add(r)).ToDictionary(f => f.FormId);
        TruthRows = TruthCsv.ReadTruth(new StringReader(Truth)).ToList();
        Today = today;
    }

    public string Registry { get; }
    public string Forms { get; }
    public string Truth { get; }
    public GenerationSummary Summary { get; }
    public Dictionary<string, RegistryRecord> RegistryRows { get; }
    public Dictionary<string, SurveyForm> FormRows { get; }
    public List<TruthRow> TruthRows { get; }
    public List<CsvRejection> RegistryRejections { get; } = [];
    public List<CsvRejection> FormRejections { get; } = [];
    public DateOnly Today { get; }

    public static (string Registry, string Forms, string Truth, GenerationSummary Summary) Run(int persons, ulong seed)
    {
        var (registry, forms, truth) = (new StringWriter(), new StringWriter(), new StringWriter());
        var summary = PopulationGenerator.Generate(new GeneratorOptions(persons, seed), registry, forms, truth);
        return (registry.ToString(), forms.ToString(), truth.ToString(), summary);
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}

public sealed class GeneratorTests(GeneratorFixture data) : IClassFixture<GeneratorFixture>
{
    private static readonly string[] AllDamages =
    [
        "case", "spaces", "nfd", "old_tone", "no_diacritics", "tcvn3", "vni", "date_d_m_yyyy", "date_dash", "date_dot",
        "date_iso", "date_yy", "date_words", "date_less_precise", "id_spaces", "id_dots", "old_id", "blank_optional",
        "gender_format", "address_changed",
        "name_spelling", "missing_middle_name", "extra_middle_name", "regional_variant", "name_order", "day_month_swapped",
        "lunar_date", "dob_digit_typo", "year_off_by_one", "registry_partial", "id_digit_typo", "id_transposition",
        "gender_different", "father_spelling", "father_different", "mother_spelling", "mother_different",
        "twin", "namesake", "absent",
    ];

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        var again = GeneratorFixture.Run(5000, 20261122);
        Assert.Equal(data.Registry, again.Registry);
        Assert.Equal(data.Forms, again.Forms);
        Assert.Equal(data.Truth, again.Truth);
        Assert.NotEqual(data.Forms, GeneratorFixture.Run(5000, 7).Forms);
    }

    [Fact]
    public void Every_damage_kind_and_hard_case_appears_in_5000_persons()
    {
        var seen = data.TruthRows.SelectMany(t => t.Damages).ToHashSet();
        Assert.Equal([], AllDamages.Except(seen));
        Assert.Equal(5000, data.Summary.RegistryRecords);
    }

    [Fact]
    public void Interchange_readers_read_every_row_written()
    {
        Assert.Empty(data.RegistryRejections);
        Assert.Empty(data.FormRejections);
        Assert.Equal(5000, data.RegistryRows.Count);
        Assert.Equal(data.TruthRows.Count, data.FormRows.Count);
        Assert.All(data.TruthRows.Where(t => t.RecordId is not null), t => Assert.True(data.RegistryRows.ContainsKey(t.RecordId!)));
    }

    [Fact]
    public void Flag_rates_are_realistic()
    {
        var flagged = data.TruthRows.Count(t => t.Flags.Count > 0) / (double)data.TruthRows.Count;
        var absent = data.TruthRows.Count(t => t.RecordId is null) / (double)data.TruthRows.Count;
        Assert.InRange(flagged, 0.20, 0.32);
        Assert.InRange(absent, 0.02, 0.04);
        Assert.True(data.TruthRows.Count(t => t.Flags.Count >= 2) > 20);
    }

    [Fact]
    public void Truth_flags_follow_from_the_substantive_damages()
    {
        var fieldOf = new Dictionary<string, string>
        {
            ["name_spelling"] = "full_name", ["missing_middle_name"] = "full_name", ["extra_middle_name"] = "full_name",
            ["regional_variant"] = "full_name", ["name_order"] = "full_name", ["day_month_swapped"] = "date_of_birth",
            ["lunar_date"] = "date_of_birth", ["dob_digit_typo"] = "date_of_birth", ["year_off_by_one"] = "date_of_birth",
            ["registry_partial"] = "date_of_birth", ["id_digit_typo"] = "personal_id", ["id_transposition"] = "personal_id",
            ["gender_different"] = "gender", ["father_spelling"] = "father_name", ["father_different"] = "father_name",
            ["mother_spelling"] = "mother_name", ["mother_different"] = "mother_name",
        };
        foreach (var t in data.TruthRows)
        {
            var expected = t.Damages.Where(fieldOf.ContainsKey).Select(d => fieldOf[d]).OrderBy(f => f).ToArray();
            Assert.Equal(expected, t.Flags.Select(f => f.Field).OrderBy(f => f).ToArray());
            if (t.RecordId is null) Assert.Empty(t.Flags);
        }
    }

    [Fact]
    public void Cosmetic_only_forms_read_back_as_the_registry_values()
    {
        var checkedForms = 0;
        var undecodedLegacy = new List<string>();
        foreach (var t in data.TruthRows.Where(t => t.RecordId is not null && t.Flags.Count == 0))
        {
            var form = data.FormRows[t.FormId];
            var record = data.RegistryRows[t.RecordId!];
            var formName = PersonName.Parse(form.FullName);
            var registryName = PersonName.Parse(record.FullName);
            var sameName = formName.HasDiacritics ? formName.Key == registryName.Key : formName.FoldedKey == registryName.FoldedKey;
            // A short legacy-encoded name can also be plain Vietnamese ("Vò Quèc Trô"): the reader may not see the encoding.
            if (!sameName && (t.Damages.Contains("tcvn3") || t.Damages.Contains("vni"))) undecodedLegacy.Add(t.FormId);
            else Assert.True(sameName, $"{t.FormId} ({string.Join(';', t.Damages)}): name not cosmetic");

            var formDate = BirthDate.Parse(form.DateOfBirth, data.Today);
            Assert.True(formDate.IsReadable, $"{t.FormId}: date unreadable");
            var registryDate = BirthDate.Parse(record.DateOfBirth, data.Today).Date!.Value;
            Assert.Contains(BirthDateComparer.Compare(formDate.Date!.Value, registryDate), new[] { DateAgreement.Equal, DateAgreement.LessPreciseConsistent });
            checkedForms++;
        }
        Assert.True(checkedForms > 3000);
        var legacy = data.TruthRows.Count(t => t.Damages.Contains("tcvn3") || t.Damages.Contains("vni"));
        Assert.True(undecodedLegacy.Count <= legacy / 10, $"{undecodedLegacy.Count} of {legacy} legacy-encoded names not decoded: {string.Join(", ", undecodedLegacy)}");
    }

    [Fact]
    public void Date_damages_are_what_they_claim()
    {
        foreach (var t in data.TruthRows.Where(t => t.Flags.Any(f => f.Field == "date_of_birth")))
        {
            var form = BirthDate.Parse(data.FormRows[t.FormId].DateOfBirth, data.Today).Date!.Value;
            var registry = BirthDate.Parse(data.RegistryRows[t.RecordId!].DateOfBirth, data.Today).Date!.Value;
            var kind = t.Flags.Single(f => f.Field == "date_of_birth").Kind;
            var expected = kind switch
            {
                DiscrepancyKind.DayMonthSwapped => DateAgreement.DayMonthSwapped,
                DiscrepancyKind.LunarDate => DateAgreement.LunarDate,
                DiscrepancyKind.DigitTypo => DateAgreement.OneDigitOff,
                DiscrepancyKind.YearOffByOne => DateAgreement.YearOffByOne,
                _ => DateAgreement.RegistryPartial,
            };
            Assert.Equal(expected, BirthDateComparer.Compare(form, registry));
        }
    }

    [Fact]
    public void Twins_share_parents_and_date_but_not_given_name_or_id()
    {
        var twins = data.TruthRows.Where(t => t.Damages.Contains("twin") && t.RecordId is not null)
            .Select(t => data.RegistryRows[t.RecordId!]).ToList();
        var pairs = twins.GroupBy(r => (r.FatherName, r.MotherName, r.DateOfBirth)).Where(g => g.Count() == 2).ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, p =>
        {
            Assert.NotEqual(p.First().FullName, p.Last().FullName);
            Assert.NotEqual(p.First().PersonalId ?? "a", p.Last().PersonalId ?? "b");
        });
    }

    [Fact]
    public void Namesakes_share_name_and_birth_year_but_are_different_records()
    {
        var names = data.TruthRows.Where(t => t.Damages.Contains("namesake") && t.RecordId is not null)
            .Select(t => data.RegistryRows[t.RecordId!])
            .GroupBy(r => (r.FullName, r.DateOfBirth![..4])).Where(g => g.Count() >= 2).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, g => Assert.Equal(g.Count(), g.Select(r => r.DateOfBirth).Distinct().Count()));
    }

    [Fact]
    public void Registry_ids_are_unique_and_encode_gender_and_century()
    {
        var ids = data.RegistryRows.Values.Where(r => r.PersonalId is not null).ToList();
        Assert.Equal(ids.Count, ids.Select(r => r.PersonalId).Distinct().Count());
        var consistent = ids.Count(r => (r.PersonalId![3] - '0') % 2 == (r.Gender == "female" ? 1 : 0));
        Assert.Equal(ids.Count, consistent);
    }
}
