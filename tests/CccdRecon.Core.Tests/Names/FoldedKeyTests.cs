using System.Text;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Tests.Names;

/// <summary>A registry's parents are parsed only as far as their folded key; it must be the full parse's.</summary>
public sealed class FoldedKeyTests
{
    private static readonly string[] Syllables = ["Nguyễn", "Hoà", "Hòa", "Thuỷ", "Đặng", "Quý", "Ngọc", "Ánh", "H'Hen", "Y-Moan", "Văn", "Thị", "Ưng"];

    [Fact]
    public void Folded_key_alone_equals_the_full_parse()
    {
        var rng = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            var name = string.Join(rng.Next(6) == 0 ? "  " : " ", Enumerable.Range(0, rng.Next(1, 5)).Select(_ => Syllables[rng.Next(Syllables.Length)]));
            var raw = rng.Next(8) switch
            {
                0 => name.ToUpperInvariant(),
                1 => name.Normalize(NormalizationForm.FormD),
                2 => VietnameseText.EncodeLegacy(name, LegacyEncoding.Tcvn3),
                3 => VietnameseText.EncodeLegacy(name, LegacyEncoding.Vni),
                4 => VietnameseText.Fold(name),
                5 => name + (rng.Next(2) == 0 ? "1" : "?"),
                _ => " " + name + " ",
            };
            var full = PersonName.Parse(raw);
            Assert.Equal(full.IsReadable ? full.FoldedKey : null, PersonNameParser.FoldedKey(raw));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")]
    public void Unreadable_names_have_no_folded_key(string? raw) => Assert.Null(PersonNameParser.FoldedKey(raw));
}
