using System.Text;
using CccdRecon.Cli.Evaluate;
using CccdRecon.Cli.Generate;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Cli.Tests;

/// <summary>
/// Properties of the matching engine that must hold whatever the data, checked over a generated population: a form
/// that differs from its record only cosmetically is clean; a form of someone the registry lacks is never linked,
/// whatever its text style; and restyling every form (capitals, no diacritics, abbreviated addresses) changes no
/// link decision.
/// </summary>
public sealed class MatchingPropertyTests(MatchingPropertyTests.Population population) : IClassFixture<MatchingPropertyTests.Population>
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    /// <summary>A generated population (registry, damaged forms, truth), read back through the interchange readers.</summary>
    public sealed class Population
    {
        public Population()
        {
            var (registry, forms, truth) = (new StringWriter(), new StringWriter(), new StringWriter());
            PopulationGenerator.Generate(new GeneratorOptions(3_000, 2026_09, AbsentRate: 0.1, Today: new DateOnly(2026, 11, 22)), registry, forms, truth);
            Registry = InterchangeCsv.ReadRegistry(Utf8(registry), _ => { }).ToList();
            Forms = InterchangeCsv.ReadForms(Utf8(forms), _ => { }).ToList();
            Truth = TruthCsv.ReadTruth(new StringReader(truth.ToString())).ToDictionary(t => t.FormId);
        }

        public List<RegistryRecord> Registry { get; }
        public List<SurveyForm> Forms { get; }
        public Dictionary<string, TruthRow> Truth { get; }

        private static MemoryStream Utf8(StringWriter w) => new(Encoding.UTF8.GetBytes(w.ToString()));
    }

    public enum NameStyle { AsRegistered, Capitals, Lower, NoDiacritics, NoDiacriticsCapitals, Nfd, OtherTonePlacement, Tcvn3, Vni }

    private static readonly NameStyle[] Styles = Enum.GetValues<NameStyle>();

    [Fact]
    public void A_form_that_differs_from_its_record_only_in_style_is_clean()
    {
        var rng = new Random(1);
        var forms = population.Registry.Select((r, i) => CosmeticCopy(r, $"C{i}", rng)).ToList();
        var reconciler = Trained(population.Registry, forms);
        var failures = new List<string>();
        for (var i = 0; i < forms.Count; i++)
        {
            var r = reconciler.Reconcile(forms[i]);
            if (r.Status != MatchStatus.Clean || r.RecordId != population.Registry[i].RecordId)
                failures.Add($"{forms[i].FullName} / {forms[i].DateOfBirth} / {forms[i].PersonalId} (record {population.Registry[i].RecordId}): {r.Status} {r.RecordId} {r.Flags} — {r.Explanation.Decision}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {forms.Count} cosmetic copies not clean:\n{string.Join("\n", failures.Take(20))}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_form_of_someone_the_registry_lacks_is_never_linked_whatever_its_style(bool withIdNumber)
    {
        // One in ten registered people is taken out of the registry; their twins, namesakes and neighbours stay.
        var rng = new Random(withIdNumber ? 2 : 3);
        var absent = population.Registry.Where((_, i) => i % 10 == 3).ToList();
        var registry = population.Registry.Where((_, i) => i % 10 != 3).ToList();
        var forms = absent.Select((r, i) => CosmeticCopy(r, $"A{i}", rng) is var f && withIdNumber ? f : f with { PersonalId = null }).ToList();
        // Trained on a realistic mix: the forms of the registered people too.
        var reconciler = Trained(registry, forms.Concat(population.Forms.Where(f => population.Truth[f.FormId].RecordId is not null)).ToList());
        var linked = forms.Select(f => (Form: f, Result: reconciler.Reconcile(f)))
            .Where(x => x.Result.Status is MatchStatus.Clean or MatchStatus.Review).ToList();
        Assert.True(linked.Count == 0, $"{linked.Count} of {forms.Count} absent people linked:\n" + string.Join("\n",
            linked.Take(20).Select(x => $"{x.Form.FullName} / {x.Form.DateOfBirth} → {x.Result.RecordId}: {string.Join(", ", x.Result.Explanation.Fields.Select(f => $"{f.Field}={f.Level} {f.Weight}"))}")));
    }

    [Theory]
    [InlineData(NameStyle.Capitals, true)]
    [InlineData(NameStyle.NoDiacritics, false)]
    [InlineData(NameStyle.NoDiacriticsCapitals, true)]
    public void Restyling_every_form_changes_no_link_decision(NameStyle style, bool abbreviate)
    {
        var registry = population.Registry;
        var original = population.Forms;
        var restyled = original.Select(f => Restyle(f, style, abbreviate)).ToList();
        var before = Trained(registry, original);
        var after = Trained(registry, restyled);
        var changed = new List<string>();
        for (var i = 0; i < original.Count; i++)
        {
            var (a, b) = (before.Reconcile(original[i]), after.Reconcile(restyled[i]));
            if (Linked(a) == Linked(b)) continue;
            // Without diacritics, two records whose names differ only in them (siblings Hùng and Hưng) can no longer be
            // told apart: that is information lost, not a decision changed by style.
            if (b.Status == MatchStatus.Ambiguous && SameWithoutDiacritics(b, registry)) continue;
            changed.Add($"{original[i].FormId} {original[i].FullName} → {Linked(a) ?? a.Status.ToString()} ({a.Explanation.Decision}); {restyled[i].FullName} → {Linked(b) ?? b.Status.ToString()} ({b.Explanation.Decision})");
        }
        Assert.True(changed.Count == 0, $"{changed.Count} of {original.Count} decisions changed:\n{string.Join("\n", changed.Take(20))}");
    }

    private static string? Linked(Reconciliation r) => r.Status is MatchStatus.Clean or MatchStatus.Review ? r.RecordId : null;

    private static bool SameWithoutDiacritics(Reconciliation ambiguous, List<RegistryRecord> registry)
    {
        var names = ambiguous.Explanation.Candidates.Take(2)
            .Select(c => registry.First(r => r.RecordId == c.RecordId).FullName)
            .Select(n => VietnameseText.Fold(n)).Distinct().Count();
        return names == 1;
    }

    private static Reconciler Trained(List<RegistryRecord> registry, List<SurveyForm> forms)
    {
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange(registry);
        var options = new MatchingOptions();
        return new Reconciler(index, options, Time, ModelTrainer.Train(index, forms, options, Time));
    }

    /// <summary>The record as a collector might key it with nothing wrong: another style, date and ID format, gender word.</summary>
    private static SurveyForm CosmeticCopy(RegistryRecord r, string formId, Random rng)
    {
        var form = new SurveyForm
        {
            FormId = formId,
            PersonalId = SpacedId(r.PersonalId ?? r.OldId, rng),
            FullName = r.FullName,
            DateOfBirth = DateFormat(r.DateOfBirth, rng),
            Gender = r.Gender == "female" ? (rng.Next(2) == 0 ? "Nữ" : "NỮ") : (rng.Next(2) == 0 ? "Nam" : "nam"),
            BirthPlace = r.BirthPlace,
            Hometown = r.Hometown,
            Ethnicity = r.Ethnicity,
            PermanentAddress = r.PermanentAddress,
            FatherName = r.FatherName,
            MotherName = r.MotherName,
        };
        return Restyle(form, Styles[rng.Next(Styles.Length)], abbreviate: rng.Next(2) == 0);
    }

    private static SurveyForm Restyle(SurveyForm f, NameStyle style, bool abbreviate) => f with
    {
        FullName = Style(f.FullName, style),
        FatherName = Style(f.FatherName, style),
        MotherName = Style(f.MotherName, style),
        PermanentAddress = abbreviate ? Abbreviated(f.PermanentAddress) : f.PermanentAddress,
    };

    /// <summary>
    /// The name in another style. A name keyed in a legacy encoding is restyled from its decoded text; a name with no
    /// single reading (valid Unicode and valid VNI at once) or none at all is left as keyed: there is nothing to restyle.
    /// </summary>
    private static string? Style(string? name, NameStyle style)
    {
        if (name is null) return null;
        var parsed = PersonName.Parse(name);
        if (!parsed.IsReadable || parsed.Alternative is not null) return name;
        if (parsed.DecodedFrom != LegacyEncoding.None && VietnameseText.TryDecodeLegacy(name, out var decoded, out _)) name = decoded;
        return Restyled(name, style);
    }

    private static string Restyled(string name, NameStyle style) => style switch
    {
        NameStyle.Capitals => name.ToUpperInvariant(),
        NameStyle.Lower => name.ToLowerInvariant(),
        NameStyle.NoDiacritics => RemoveDiacritics(name),
        NameStyle.NoDiacriticsCapitals => RemoveDiacritics(name).ToUpperInvariant(),
        NameStyle.Nfd => name.Normalize(NormalizationForm.FormD),
        NameStyle.OtherTonePlacement => string.Join(' ', name.Split(' ').Select(ToneStyle.ToOtherStyle)),
        NameStyle.Tcvn3 => VietnameseText.EncodeLegacy(name, LegacyEncoding.Tcvn3),
        NameStyle.Vni => VietnameseText.EncodeLegacy(name, LegacyEncoding.Vni),
        _ => name,
    };

    /// <summary>Letters without tone or vowel marks, đ as d, case kept ("Nguyễn Văn Đức" → "Nguyen Van Duc").</summary>
    private static string RemoveDiacritics(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static readonly (string Word, string Short)[] Abbreviations =
    [
        ("thành phố ", "TP. "), ("Thành phố ", "TP. "), ("thị xã ", "TX. "), ("Thị xã ", "TX. "), ("thị trấn ", "TT. "),
        ("xã ", "X. "), ("Xã ", "X. "), ("huyện ", "H. "), ("tỉnh ", "T. "), ("phường ", "P. "), ("quận ", "Q. "),
        ("đường ", "đ. "), ("Số ", "SN "),
    ];

    private static string? Abbreviated(string? address)
    {
        if (address is null) return null;
        foreach (var (word, abbreviation) in Abbreviations) address = address.Replace(word, abbreviation, StringComparison.Ordinal);
        return address;
    }

    private static string? DateFormat(string? iso, Random rng)
    {
        if (iso is null || iso.Length != 10) return iso;
        var (y, m, d) = (iso[..4], iso[5..7], iso[8..]);
        return rng.Next(5) switch
        {
            0 => $"{d}/{m}/{y}",
            1 => $"{int.Parse(d)}/{int.Parse(m)}/{y}",
            2 => $"{d}-{m}-{y}",
            3 => $"ngày {int.Parse(d)} tháng {int.Parse(m)} năm {y}",
            _ => iso,
        };
    }

    private static string? SpacedId(string? id, Random rng) => id is null || rng.Next(3) != 0 ? id
        : id.Length == 12 ? $"{id[..3]} {id[3..6]} {id[6..9]} {id[9..]}" : $"{id[..3]}.{id[3..6]}.{id[6..]}";
}
