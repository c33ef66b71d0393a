using CccdRecon.Cli.Evaluate;
using CccdRecon.Cli.Generate;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;

namespace CccdRecon.Cli.Tests;

/// <summary>bench/altgen run twice with its knobs on, read back through the interchange readers.</summary>
public sealed class AltGenKnobRuns : IDisposable
{
    public const double AbsentRate = 0.3, Lookalikes = 0.5, Post2025 = 0.3, TypoRate = 0.06;

    public AltGenKnobRuns()
    {
        Root = Path.Combine(Path.GetTempPath(), "cccdrecon-altgen-knobs-" + Guid.NewGuid().ToString("N"));
        var script = Path.Combine(AltGenTests.RepositoryRoot(), "bench", "altgen", "altgen.py");
        string F(double x) => x.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Hard = Run(script, "hard", ["--persons", "2500", "--seed", "11", "--absent-rate", F(AbsentRate), "--absent-lookalikes", F(Lookalikes),
            "--address-style", "abbreviated", "--post2025-share", F(Post2025), "--name-typo-rate", F(TypoRate), "--province", "038"]);
        Map = Run(script, "map", ["--persons", "1500", "--seed", "12", "--address-style", "full", "--post2025-share", "0.5"]);
    }

    public string Root { get; }

    /// <summary>Null when python3 is missing.</summary>
    public AltGenData? Hard { get; }

    public AltGenData? Map { get; }

    private AltGenData? Run(string script, string name, string[] knobs)
    {
        var dir = Path.Combine(Root, name);
        var ran = AltGenTests.RunPython([script, .. knobs, "--out", dir]).GetAwaiter().GetResult();
        if (ran is null) return null;
        Assert.True(ran.Value.ExitCode == 0, $"altgen failed: {ran.Value.Stderr}");
        return new AltGenData(dir);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

public sealed class AltGenData
{
    public AltGenData(string dir)
    {
        var rejected = new List<CsvRejection>();
        using (var s = File.OpenRead(Path.Combine(dir, "registry.csv"))) Registry = InterchangeCsv.ReadRegistry(s, rejected.Add).ToDictionary(r => r.RecordId);
        using (var s = File.OpenRead(Path.Combine(dir, "forms.csv"))) Forms = InterchangeCsv.ReadForms(s, rejected.Add).ToDictionary(f => f.FormId);
        using (var r = File.OpenText(Path.Combine(dir, "truth.csv"))) Truth = TruthCsv.ReadTruth(r).ToList();
        Rejected = rejected;
    }

    public Dictionary<string, RegistryRecord> Registry { get; }
    public Dictionary<string, SurveyForm> Forms { get; }
    public List<TruthRow> Truth { get; }
    public List<CsvRejection> Rejected { get; }

    public List<TruthRow> Registered => Truth.Where(t => t.RecordId is not null).ToList();
    public List<TruthRow> Absent => Truth.Where(t => t.RecordId is null).ToList();

    public static double Share(IReadOnlyCollection<TruthRow> rows, string tag) => rows.Count(t => t.Damages.Contains(tag)) / (double)rows.Count;
}

/// <summary>altgen's knobs (bench/altgen/knobs.py) do what its README says.</summary>
public sealed class AltGenKnobTests(AltGenKnobRuns runs) : IClassFixture<AltGenKnobRuns>
{
    [PythonFact]
    public void Absent_share_and_look_alikes_are_what_was_asked()
    {
        if (runs.Hard is not { } d) { AltGenTests.FailWithoutPython(); return; }
        Assert.Empty(d.Rejected);
        Assert.InRange(d.Absent.Count / (double)d.Truth.Count, AltGenKnobRuns.AbsentRate - 0.02, AltGenKnobRuns.AbsentRate + 0.02);
        foreach (var kind in new[] { "absent_namesake_year", "absent_sameday", "absent_samecommune" })
            Assert.InRange(AltGenData.Share(d.Absent, kind), AltGenKnobRuns.Lookalikes / 3 - 0.05, AltGenKnobRuns.Lookalikes / 3 + 0.05);
        Assert.All(d.Absent, t => Assert.Empty(t.Flags));

        // A namesake look-alike's name and birth year belong to someone in the registry.
        var nameYears = d.Registry.Values.Select(r => (PersonName.Parse(r.FullName).FoldedKey, r.DateOfBirth![..4])).ToHashSet();
        var namesakes = d.Absent.Where(t => t.Damages.Contains("absent_namesake_year")).Select(t => d.Forms[t.FormId]).ToList();
        var today = new DateOnly(2026, 1, 1);
        var holding = namesakes.Count(f => Core.Dates.BirthDate.Parse(f.DateOfBirth, today).Date is { } date
            && nameYears.Contains((PersonName.Parse(f.FullName).FoldedKey, date.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.True(holding >= namesakes.Count * 0.8, $"{holding} of {namesakes.Count}");
    }

    [PythonFact]
    public void Typos_are_flagged_as_spelling_and_tagged_by_place()
    {
        if (runs.Hard is not { } d) { AltGenTests.FailWithoutPython(); return; }
        var typos = d.Truth.Where(t => t.Damages.Contains("full_name.spelling_typo")).ToList();
        // Forms whose name already carries another error keep that one.
        Assert.InRange(typos.Count / (double)d.Registered.Count, AltGenKnobRuns.TypoRate * 0.75, AltGenKnobRuns.TypoRate * 1.1);
        Assert.All(typos, t =>
        {
            Assert.Contains(("full_name", "spelling"), t.Flags);
            Assert.Single(t.Damages, x => x is "full_name.spelling_typo_given" or "full_name.spelling_typo_family");
        });
        Assert.Contains(typos, t => t.Damages.Contains("full_name.spelling_typo_legacy"));
        Assert.Contains(typos, t => t.Damages.Contains("full_name.spelling_typo_family"));
    }

    [PythonFact]
    public void One_province_lives_there_and_forms_abbreviate_its_addresses()
    {
        if (runs.Hard is not { } d) { AltGenTests.FailWithoutPython(); return; }
        var addresses = d.Registry.Values.Select(r => r.PermanentAddress!).ToList();
        Assert.InRange(addresses.Count(a => a.EndsWith("tỉnh Thanh Hóa", StringComparison.Ordinal)) / (double)addresses.Count, 0.85, 0.95);
        // The registry writes four levels in full words.
        Assert.All(addresses, a => Assert.Matches(@"^[^,]+, (xã|phường) [^,]+, (huyện|quận|thị xã|thành phố) [^,]+, (tỉnh|thành phố) [^,]+$", a));
        Assert.All(d.Truth, t => Assert.Contains("address.abbreviated", t.Damages));
        Assert.InRange(AltGenData.Share(d.Truth, "address.post2025"), AltGenKnobRuns.Post2025 - 0.04, AltGenKnobRuns.Post2025 + 0.04);
        Assert.DoesNotContain(d.Forms.Values, f => VietnameseText.Fold(f.PermanentAddress!).Contains("huyen ", StringComparison.Ordinal));
    }

    [PythonFact]
    public void Altgen_and_generate_agree_on_the_2025_map_though_written_apart()
    {
        if (runs.Map is not { } d) { AltGenTests.FailWithoutPython(); return; }
        Assert.Empty(d.Rejected);
        var byOldName = AdministrativeMap.Provinces.ToDictionary(p => VietnameseText.Fold(p.Name));
        var checkedForms = 0;
        foreach (var t in d.Registered.Where(t => t.Damages.Contains("address.post2025") && !t.Damages.Contains("address.moved")))
        {
            var form = Last(d.Forms[t.FormId].PermanentAddress!);
            var record = Last(d.Registry[t.RecordId!].PermanentAddress!);
            Assert.Equal(VietnameseText.Fold(byOldName[record].Name2025), form);
            Assert.Equal(3, Split(d.Forms[t.FormId].PermanentAddress!).Length);
            checkedForms++;
        }
        Assert.True(checkedForms > 300, $"{checkedForms}");
    }

    private static string[] Split(string address) =>
        VietnameseText.Fold(address).Replace("ba ria - vung tau", "ba ria vung tau", StringComparison.Ordinal)
            .Replace(" - ", ",", StringComparison.Ordinal).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The province name of a full-words address, folded, without its unit word.</summary>
    private static string Last(string address)
    {
        var last = Split(address)[^1];
        foreach (var unit in new[] { "thanh pho ", "tinh " })
            if (last.StartsWith(unit, StringComparison.Ordinal)) return last[unit.Length..].Replace("ba ria vung tau", "ba ria - vung tau", StringComparison.Ordinal);
        return last;
    }
}
