using System.Text;
using CccdRecon.Cli.Evaluate;
using CccdRecon.Cli.Generate;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Names;
using CccdRecon.Core.Places;
using CccdRecon.Core.Matching;
// The generator keeps its own province table, apart from Core's (an instrument must not share the engine's knowledge).
using AdministrativeMap = CccdRecon.Cli.Generate.AdministrativeMap;

namespace CccdRecon.Cli.Tests;

/// <summary>One generated data set, read back: registry rows, forms and truth by id.</summary>
internal sealed class Generated
{
    public Generated(GeneratorOptions options)
    {
        var (registry, forms, truth) = (new StringWriter(), new StringWriter(), new StringWriter());
        Summary = PopulationGenerator.Generate(options, registry, forms, truth);
        (RegistryText, FormsText, TruthText) = (registry.ToString(), forms.ToString(), truth.ToString());
        Registry = InterchangeCsv.ReadRegistry(Utf8(RegistryText), r => throw new InvalidDataException(r.ToString())).ToDictionary(r => r.RecordId);
        Forms = InterchangeCsv.ReadForms(Utf8(FormsText), r => throw new InvalidDataException(r.ToString())).ToDictionary(f => f.FormId);
        Truth = TruthCsv.ReadTruth(new StringReader(TruthText)).ToList();
    }

    public GenerationSummary Summary { get; }
    public string RegistryText { get; }
    public string FormsText { get; }
    public string TruthText { get; }
    public Dictionary<string, RegistryRecord> Registry { get; }
    public Dictionary<string, SurveyForm> Forms { get; }
    public List<TruthRow> Truth { get; }

    public IEnumerable<TruthRow> Tagged(string tag) => Truth.Where(t => t.Damages.Contains(tag));

    public double Share(string tag, IEnumerable<TruthRow> among) => among.Count(t => t.Damages.Contains(tag)) / (double)among.Count();

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}

/// <summary>
/// The knobs issue 9's grid turns: each off by default (and then byte for byte what the generator wrote before), each
/// doing what it says, each changing only what it is about.
/// </summary>
public sealed class GeneratorKnobTests
{
    private const ulong Seed = 20261122;

    [Fact]
    public void Default_options_reproduce_the_committed_samples_byte_for_byte()
    {
        // samples/README.md: generate --persons 2000 --seed 20261122 --out samples
        var samples = Path.Combine(RepositoryRoot(), "samples");
        var run = new Generated(new GeneratorOptions(2000, Seed));
        Assert.Equal(File.ReadAllText(Path.Combine(samples, "registry.csv")), run.RegistryText);
        Assert.Equal(File.ReadAllText(Path.Combine(samples, "forms.csv")), run.FormsText);
        Assert.Equal(File.ReadAllText(Path.Combine(samples, "truth.csv")), run.TruthText);

        // Every knob set explicitly to its "off" value changes nothing either.
        var off = new Generated(new GeneratorOptions(2000, Seed)
        {
            AbsentLookalikes = 0, NameTypoRate = 0, Post2025Share = 0, AddressStyle = AddressStyle.Legacy,
            RegistryAddressStyle = AddressStyle.Full, Province = null,
        });
        Assert.Equal(run.FormsText, off.FormsText);
        Assert.Equal(run.TruthText, off.TruthText);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.30)]
    [InlineData(0.40)]
    public void Absent_share_is_what_was_asked_and_registered_forms_stay_realistic(double rate)
    {
        var run = new Generated(new GeneratorOptions(6000, Seed, rate));
        var absent = run.Truth.Count(t => t.RecordId is null) / (double)run.Truth.Count;
        Assert.InRange(absent, rate - 0.02, rate + 0.02);
        Assert.Equal(6000, run.Registry.Count);
        // The registered people's forms are damaged as always; the absent have nothing to correct.
        var registered = run.Truth.Where(t => t.RecordId is not null).ToList();
        Assert.InRange(registered.Count(t => t.Flags.Count > 0) / (double)registered.Count, 0.20, 0.34);
        Assert.All(run.Truth.Where(t => t.RecordId is null), t => Assert.Empty(t.Flags));
    }

    [Fact]
    public void Absent_look_alikes_share_what_their_kind_says_with_a_registered_person()
    {
        var run = new Generated(new GeneratorOptions(8000, Seed, 0.3) { AbsentLookalikes = 0.6, AddressStyle = AddressStyle.Full });
        var absent = run.Truth.Where(t => t.RecordId is null).ToList();
        var kinds = new[] { DamageTags.AbsentNamesakeYear, DamageTags.AbsentSameDay, DamageTags.AbsentSameCommune };
        var lookalikes = absent.Count(t => t.Damages.Any(kinds.Contains));
        Assert.InRange(lookalikes / (double)absent.Count, 0.55, 0.65);
        foreach (var kind in kinds) Assert.InRange(run.Share(kind, absent), 0.16, 0.24);
        Assert.All(absent.Where(t => t.Damages.Any(kinds.Contains)), t => Assert.Equal(2, t.Damages.Count(d => d.StartsWith("absent", StringComparison.Ordinal))));

        var today = new DateOnly(2026, 11, 22);
        var registry = run.Registry.Values.ToList();
        var byNameYear = registry.Where(r => r.DateOfBirth is not null)
            .Select(r => (PersonName.Parse(r.FullName).FoldedKey, r.DateOfBirth![..4])).ToHashSet();
        var byDate = registry.Select(r => r.DateOfBirth).ToHashSet();
        var byCommune = registry.Where(r => r.PermanentAddress is not null).Select(r => CommuneOf(r.PermanentAddress!)).ToHashSet();

        int Holding(string kind, Func<SurveyForm, bool> property)
        {
            var tagged = run.Tagged(kind).Select(t => run.Forms[t.FormId]).ToList();
            Assert.NotEmpty(tagged);
            return (int)Math.Round(100.0 * tagged.Count(property) / tagged.Count);
        }

        // Read from the forms as keyed (legacy encodings and coarser dates may hide a few).
        Assert.True(Holding(DamageTags.AbsentNamesakeYear, f =>
            BirthDate.Parse(f.DateOfBirth, today).Date is { } d && byNameYear.Contains((PersonName.Parse(f.FullName).FoldedKey, d.Year.ToString("D4")))) >= 90);
        Assert.True(Holding(DamageTags.AbsentSameDay, f =>
            BirthDate.Parse(f.DateOfBirth, today).Date is { Precision: DatePrecision.Day } d
            && byDate.Contains($"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}")) >= 90);
        Assert.True(Holding(DamageTags.AbsentSameCommune, f =>
            f.PermanentAddress is { } a && CommuneOf(a) is { } c && byCommune.Contains(c)) >= 85);
    }

    [Fact]
    public void Registry_addresses_are_full_words_and_abbreviated_forms_use_clerks_abbreviations()
    {
        var run = new Generated(new GeneratorOptions(5000, Seed) { AddressStyle = AddressStyle.Abbreviated });
        Assert.All(run.Registry.Values.Where(r => r.PermanentAddress is not null), r =>
        {
            var parts = r.PermanentAddress!.Split(", ");
            Assert.Contains(parts[^1].Split(' ')[0], new[] { "tỉnh", "thành" });
            Assert.Contains(parts[^2].Split(' ')[0], new[] { "huyện", "quận", "thị", "thành" });
        });
        var addressed = run.Truth.Where(t => run.Forms[t.FormId].PermanentAddress is not null).ToList();
        Assert.All(addressed, t => Assert.Contains("address_abbreviated", t.Damages));
        var unitWords = new[] { "huyen ", "tinh ", "quan ", "phuong ", "thi xa ", "thi tran ", "thanh pho " };
        Assert.All(addressed, t =>
            Assert.DoesNotContain(Parts(run.Forms[t.FormId].PermanentAddress!), part => unitWords.Any(w => part.StartsWith(w, StringComparison.Ordinal))));
        var all = string.Join('\n', addressed.Select(t => run.Forms[t.FormId].PermanentAddress));
        foreach (var abbreviation in new[] { "X. ", "H. ", "T. ", "TP. ", "P. ", "TDP ", "KP ", "SN ", "Th. ", "Q." })
            Assert.Contains(abbreviation, all);
    }

    [Fact]
    public void Full_style_forms_write_the_registry_address_up_to_capitals_and_separators()
    {
        var run = new Generated(new GeneratorOptions(3000, Seed) { AddressStyle = AddressStyle.Full });
        var compared = 0;
        foreach (var t in run.Truth.Where(t => t.RecordId is not null && !t.Damages.Contains("address_changed")))
        {
            var form = run.Forms[t.FormId].PermanentAddress;
            var record = run.Registry[t.RecordId!].PermanentAddress;
            if (form is null || record is null) continue;
            string Plain(string s) => VietnameseText.Fold(s).Replace(" - ", ", ", StringComparison.Ordinal).Replace(",", ", ", StringComparison.Ordinal).Replace(",  ", ", ", StringComparison.Ordinal);
            Assert.Equal(Plain(record), Plain(form));
            compared++;
        }
        Assert.True(compared > 2000);
    }

    [Fact]
    public void Post_2025_addresses_have_no_district_and_name_the_34_province_map()
    {
        var run = new Generated(new GeneratorOptions(5000, Seed) { AddressStyle = AddressStyle.Full, Post2025Share = 0.3 });
        var addressed = run.Truth.Where(t => run.Forms[t.FormId].PermanentAddress is not null).ToList();
        Assert.InRange(run.Share(DamageTags.AddressPost2025, addressed), 0.27, 0.33);
        var newNames = AdministrativeMap.Provinces.Select(p => VietnameseText.Fold(p.Name2025)).ToHashSet();
        var districtWords = new[] { "huyen ", "quan ", "thi xa " };
        var renamed = 0;
        foreach (var t in run.Tagged(DamageTags.AddressPost2025))
        {
            var parts = Parts(run.Forms[t.FormId].PermanentAddress!);
            Assert.DoesNotContain(parts, p => districtWords.Any(w => p.StartsWith(w, StringComparison.Ordinal)));
            Assert.True(parts[^2].StartsWith("xa ", StringComparison.Ordinal) || parts[^2].StartsWith("phuong ", StringComparison.Ordinal), parts[^2]);
            Assert.Contains(parts[^1].Replace("thanh pho ", "", StringComparison.Ordinal).Replace("tinh ", "", StringComparison.Ordinal), newNames);
            if (t.Damages.Contains(DamageTags.AddressCommuneRenamed)) renamed++;
        }
        Assert.InRange(renamed / (double)run.Tagged(DamageTags.AddressPost2025).Count(), 0.3, 0.7);
        // A registered person's post-2025 address names the unit their registry province became.
        var kept = run.Tagged(DamageTags.AddressPost2025).Where(t => t.RecordId is not null && !t.Damages.Contains("address_changed")).ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, t =>
        {
            var old = Parts(run.Registry[t.RecordId!].PermanentAddress!)[^1];
            var unit = AdministrativeMap.Provinces.Single(p => Parts($"{p.Kind} {p.Name}")[0] == old);
            Assert.Equal(VietnameseText.Fold($"{unit.Kind2025} {unit.Name2025}"), Parts(run.Forms[t.FormId].PermanentAddress!)[^1]);
        });
    }

    [Fact]
    public void Address_style_changes_addresses_and_nothing_else()
    {
        var full = new Generated(new GeneratorOptions(3000, Seed) { AddressStyle = AddressStyle.Full });
        var abbreviated = new Generated(new GeneratorOptions(3000, Seed) { AddressStyle = AddressStyle.Abbreviated, Post2025Share = 0.5 });
        Assert.Equal(full.RegistryText, abbreviated.RegistryText);
        Assert.Equal(full.Forms.Keys, abbreviated.Forms.Keys);
        foreach (var (id, a) in full.Forms)
        {
            var b = abbreviated.Forms[id];
            Assert.Equal(a with { PermanentAddress = null, Hometown = null }, b with { PermanentAddress = null, Hometown = null });
        }
        Assert.Equal(full.Truth.Select(t => (t.FormId, t.RecordId, TruthCsv.FormatFlags(t.Flags))), abbreviated.Truth.Select(t => (t.FormId, t.RecordId, TruthCsv.FormatFlags(t.Flags))));
    }

    [Fact]
    public void Name_typos_hit_one_syllable_of_given_name_or_surname_at_the_rate_asked()
    {
        var plain = new Generated(new GeneratorOptions(8000, Seed));
        var run = new Generated(new GeneratorOptions(8000, Seed) { NameTypoRate = 0.05 });
        var registered = run.Truth.Where(t => t.RecordId is not null).ToList();
        // Forms whose name already carries another error (about 9 %) keep that one instead.
        Assert.InRange(run.Share(DamageTags.NameTypo, registered), 0.040, 0.055);
        Assert.InRange(run.Tagged(DamageTags.NameTypoSurname).Count() / (double)run.Tagged(DamageTags.NameTypo).Count(), 0.25, 0.45);
        Assert.NotEmpty(run.Tagged(DamageTags.NameTypoLegacy));

        foreach (var t in run.Tagged(DamageTags.NameTypo))
        {
            Assert.Contains(("full_name", "spelling"), t.Flags);
            Assert.Single(t.Flags, f => f.Field == "full_name");
            Assert.Single(t.Damages, d => d is DamageTags.NameTypoGiven or DamageTags.NameTypoSurname);
            var formName = run.Forms[t.FormId].FullName!;
            var recordName = run.Registry[t.RecordId!].FullName!;
            if (t.Damages.Contains("tcvn3") || t.Damages.Contains("vni"))
            {
                // The slip is inside the legacy bytes: the form is not the registry name encoded.
                Assert.Contains(DamageTags.NameTypoLegacy, t.Damages);
                var encoding = t.Damages.Contains("tcvn3") ? LegacyEncoding.Tcvn3 : LegacyEncoding.Vni;
                Assert.NotEqual(VietnameseText.EncodeLegacy(recordName, encoding), string.Join(' ', formName.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
                continue;
            }
            var bare = t.Damages.Contains("no_diacritics");
            string[] Normal(string name) => [.. Syllables(name).Select(x => bare ? VietnameseText.Fold(x) : ToneStyle.ToCanonical(x))];
            var (form, record) = (Normal(formName), Normal(recordName));
            Assert.Equal(record.Length, form.Length);
            var differing = Enumerable.Range(0, form.Length).Where(i => form[i] != record[i]).ToArray();
            Assert.Single(differing);
            Assert.Equal(t.Damages.Contains(DamageTags.NameTypoSurname) ? 0 : form.Length - 1, differing[0]);
            Assert.True(IsOneSlip(form[differing[0]], record[differing[0]]), $"{t.FormId}: {formName} vs {recordName}");
        }

        // The typo knob touches names only: every other column and every other form is as before.
        Assert.Equal(plain.Registry.Keys, run.Registry.Keys);
        foreach (var (id, before) in plain.Forms)
        {
            var after = run.Forms[id];
            Assert.Equal(before with { FullName = null }, after with { FullName = null });
            if (!run.Truth.Single(t => t.FormId == id).Damages.Contains(DamageTags.NameTypo)) Assert.Equal(before.FullName, after.FullName);
        }
    }

    [Fact]
    public void A_slip_is_one_edit_or_one_tone_and_without_diacritics_never_only_a_tone()
    {
        var rng = new Rng(7);
        foreach (var syllable in new[] { "Hùng", "Lộc", "Chiến", "Nguyễn", "Trần", "Lan", "Quỳnh", "Đức", "Hoa", "Thủy" })
        {
            for (var i = 0; i < 200; i++)
            {
                if (NameTypos.Slip(syllable, rng, toneAllowed: true) is { } slipped)
                {
                    Assert.NotEqual(syllable, slipped);
                    Assert.True(IsOneSlip(Lower(slipped), Lower(syllable)), $"{syllable} → {slipped}");
                }
                if (NameTypos.Slip(syllable, rng, toneAllowed: false) is { } bare)
                    Assert.NotEqual(VietnameseText.Fold(syllable), VietnameseText.Fold(bare));
            }
        }
    }

    [Fact]
    public void One_province_population_lives_and_is_mostly_born_there()
    {
        var run = new Generated(new GeneratorOptions(4000, Seed) { Province = "019", AddressStyle = AddressStyle.Full });
        var records = run.Registry.Values.ToList();
        Assert.InRange(records.Count(r => r.PermanentAddress?.EndsWith("tỉnh Thái Nguyên", StringComparison.Ordinal) == true) / (double)records.Count(r => r.PermanentAddress is not null), 0.92, 0.98);
        Assert.InRange(records.Count(r => r.BirthPlace == "Thái Nguyên") / (double)records.Count, 0.82, 0.90);
        Assert.InRange(records.Count(r => r.PersonalId?.StartsWith("019", StringComparison.Ordinal) == true) / (double)records.Count, 0.70, 0.90);
    }

    [Fact]
    public void Bad_knob_values_are_refused_with_a_reason()
    {
        Assert.Contains("--absent-rate", new GeneratorOptions(10, 1, 0.6).Problem());
        Assert.Contains("--address-style", new GeneratorOptions(10, 1) { Post2025Share = 0.2 }.Problem());
        Assert.Contains("--province", new GeneratorOptions(10, 1) { Province = "003" }.Problem());
        Assert.Contains("--name-typo-rate", new GeneratorOptions(10, 1) { NameTypoRate = 0.9 }.Problem());
        Assert.Null(new GeneratorOptions(10, 1, 0.4) { AbsentLookalikes = 1, AddressStyle = AddressStyle.Varied, Post2025Share = 1, Province = "096" }.Problem());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Generated(new GeneratorOptions(10, 1) { Post2025Share = 0.2 }));
    }

    [Fact]
    public void The_63_province_map_merges_into_the_34_units_of_Resolution_202()
    {
        var map = AdministrativeMap.Provinces;
        Assert.Equal(63, map.Length);
        Assert.Equal(Province.All.Select(p => (p.Code, p.Name)).Order(), map.Select(p => (p.Code, p.Name)).Order());
        var units = map.GroupBy(p => p.Name2025).ToList();
        Assert.Equal(34, units.Count);
        Assert.Equal(6, units.Count(u => u.First().IsCity2025));
        Assert.All(units, u => Assert.Single(u.Select(p => p.IsCity2025).Distinct()));
        // 11 units kept their territory (Huế under its new name), 23 were formed from the other 52.
        Assert.Equal(11, units.Count(u => u.Count() == 1));
        Assert.Equal(52, units.Where(u => u.Count() > 1).Sum(u => u.Count()));
        string Unit(string old) => map.Single(p => p.Name == old).Name2025;
        Assert.Equal("Tuyên Quang", Unit("Hà Giang"));
        Assert.Equal("Phú Thọ", Unit("Hòa Bình"));
        Assert.Equal("Hồ Chí Minh", Unit("Bà Rịa - Vũng Tàu"));
        Assert.Equal("Cần Thơ", Unit("Sóc Trăng"));
        Assert.Equal("An Giang", Unit("Kiên Giang"));
        Assert.Equal("Huế", Unit("Thừa Thiên Huế"));
    }

    /// <summary>The folded parts of an address, whichever separator the clerk used (Bà Rịa - Vũng Tàu stays whole).</summary>
    private static string[] Parts(string address) =>
        VietnameseText.Fold(address).Replace("ba ria - vung tau", "ba ria vung tau", StringComparison.Ordinal)
            .Replace(" - ", ",", StringComparison.Ordinal).Split(',', StringSplitOptions.TrimEntries);

    /// <summary>"xa tien hoi" from any full-words address (the commune part, folded).</summary>
    private static string? CommuneOf(string address) => Parts(address).FirstOrDefault(p => p.StartsWith("xa ", StringComparison.Ordinal)
        || p.StartsWith("phuong ", StringComparison.Ordinal) || p.StartsWith("thi tran ", StringComparison.Ordinal)
        || p.StartsWith("x. ", StringComparison.Ordinal) || p.StartsWith("p. ", StringComparison.Ordinal) || p.StartsWith("tt. ", StringComparison.Ordinal));

    private static string[] Syllables(string name) =>
        Lower(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Lower(string s) => s.Normalize(NormalizationForm.FormC).ToLowerInvariant();

    /// <summary>One substitution, insertion, deletion or adjacent transposition of letters, or a tone change alone.</summary>
    private static bool IsOneSlip(string a, string b)
    {
        if (a == b) return false;
        var (la, lb) = (Letters(a), Letters(b));
        if (VietnameseText.Fold(a) == VietnameseText.Fold(b)) return true; // tone (or shape) only
        if (la.Length == lb.Length)
        {
            var diff = Enumerable.Range(0, la.Length).Where(i => la[i] != lb[i]).ToArray();
            return diff.Length == 1 || (diff.Length == 2 && diff[1] == diff[0] + 1 && la[diff[0]] == lb[diff[1]] && la[diff[1]] == lb[diff[0]]);
        }
        var (longer, shorter) = la.Length > lb.Length ? (la, lb) : (lb, la);
        if (longer.Length != shorter.Length + 1) return false;
        for (var i = 0; i < longer.Length; i++)
            if (longer.Where((_, k) => k != i).SequenceEqual(shorter)) return true;
        return false;
    }

    /// <summary>Letters with their tone removed, so that a letter slip next to the toned vowel still reads as one slip.</summary>
    private static string[] Letters(string s)
    {
        var letters = new List<string>();
        foreach (var c in s.Normalize(NormalizationForm.FormD))
        {
            if (ToneStyle.ToneMarks.Contains(c)) continue;
            if (letters.Count > 0 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) letters[^1] += c;
            else letters.Add(c.ToString());
        }
        return [.. letters];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CccdRecon.sln"))) return dir.FullName;
        throw new InvalidOperationException("CccdRecon.sln not found above the test output folder");
    }
}
