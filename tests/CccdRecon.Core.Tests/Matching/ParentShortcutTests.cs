using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// Registry parents are compared from their stored folded names first and parsed only when that cannot settle them;
/// the shortcut must conclude exactly what the full comparison does.
/// </summary>
public sealed class ParentShortcutTests
{
    private static readonly string[] Surnames = ["Nguyễn", "Trần", "Hoàng", "Huỳnh", "Vũ", "Võ", "Lê"];
    private static readonly string[] Middles = ["Văn", "Thị", "Minh", "Đức", ""];
    private static readonly string[] Givens = ["Hòa", "Hoà", "Bình", "Binh", "Cường", "Dũng", "Lan", "Lân", "Mai", "Nam", "Tâm"];

    private static string Name(Random rng)
    {
        var middle = Middles[rng.Next(Middles.Length)];
        var name = $"{Surnames[rng.Next(Surnames.Length)]} {(middle.Length > 0 ? middle + " " : "")}{Givens[rng.Next(Givens.Length)]}";
        return rng.Next(6) switch
        {
            0 => name.ToUpperInvariant(),
            1 => VietnameseText.Fold(name),
            2 => VietnameseText.EncodeLegacy(name, LegacyEncoding.Tcvn3),
            _ => name,
        };
    }

    [Fact]
    public void Quick_comparison_of_parents_concludes_what_the_full_one_does()
    {
        var rng = new Random(5);
        var today = new DateOnly(2026, 11, 22);
        var settledQuickly = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var record = PersonProfile.FromRecord(new RegistryRecord
            {
                RecordId = "R", FullName = "Lê Văn A", FatherName = Name(rng), MotherName = rng.Next(8) == 0 ? null : Name(rng),
            }, today);
            var form = PersonProfile.FromForm(new SurveyForm { FormId = "F", FullName = "Lê Văn A", FatherName = Name(rng), MotherName = Name(rng) }, today);

            var quick = new PairComparison();
            FieldComparer.CompareParentsQuickly(form, record, ref quick);
            settledQuickly += (quick.Father is null ? 0 : 1) + (quick.Mother is null ? 0 : 1);
            FieldComparer.CompareParents(form, record, ref quick);
            var full = new PairComparison();
            FieldComparer.CompareParents(form, record, ref full);

            Assert.Equal(full.Levels[(int)MatchField.FatherName], quick.Levels[(int)MatchField.FatherName]);
            Assert.Equal(full.Levels[(int)MatchField.MotherName], quick.Levels[(int)MatchField.MotherName]);
            Assert.Equal(full.Father, quick.Father);
            Assert.Equal(full.Mother, quick.Mother);
        }
        Assert.True(settledQuickly > 10_000, $"only {settledQuickly} parents settled without parsing");
    }

    [Fact]
    public void A_name_found_plainly_different_reads_as_the_full_comparison_does_without_its_similarity()
    {
        var rng = new Random(7);
        var shortcut = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var (form, record) = (PersonName.Parse(Name(rng)), PersonName.ParseRecord(Name(rng)));
            var full = NameComparer.Compare(form, record);
            var matching = FieldComparer.CompareNames(form, record);
            // What a level, a flag or an explanation reads: the agreement and its words.
            Assert.Equal((full.Agreement, full.Detail), (matching.Agreement, matching.Detail));
            if (double.IsNaN(matching.JaroWinkler))
            {
                Assert.Equal(NameAgreement.Different, matching.Agreement);
                shortcut++;
            }
            else Assert.Equal(full.JaroWinkler, matching.JaroWinkler);
        }
        Assert.True(shortcut > 5_000, $"only {shortcut} names settled by the shortcut");
    }
}
