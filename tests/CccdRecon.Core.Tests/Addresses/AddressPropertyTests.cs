using System.Globalization;
using System.Text;
using CccdRecon.Core.Addresses;
using CccdRecon.Core.Places;

namespace CccdRecon.Core.Tests.Addresses;

/// <summary>
/// Properties over addresses generated from the real communes of both maps, written in every style: the style never
/// changes a comparison, comparison is symmetric, and an address reaches its top level with itself.
/// </summary>
public sealed class AddressPropertyTests
{
    private static readonly string[] HamletNames =
        ["Đông", "Tây", "Trung", "Tân Lập", "Đồng Tâm", "Bình Minh", "Hòa Bình", "Quyết Tiến", "Thống Nhất", "Làng Mới", "Phố Mới", "Xóm Chùa", "Thuỷ Lợi"];

    private static readonly string[] Streets = ["Lê Lợi", "Nguyễn Trãi", "Trần Hưng Đạo", "Quang Trung", "Hai Bà Trưng", "Tô Hiệu", "Ngô Quyền", "Lý Thường Kiệt"];

    private static readonly string[] HamletKinds = ["xóm", "thôn", "ấp", "bản", "tổ", "khu phố", "tổ dân phố"];

    internal enum Style { Full, Abbreviated, AbbreviatedNoDots, Upper, UpperAbbreviated, NoDiacritics, Nfd, Mixed, NoCommas, AbbreviatedNoCommas, Dashes }

    /// <summary>An address to write: every part optional but the commune and the province.</summary>
    internal sealed record Spec(string? House, string? Street, (string Kind, string Name)? Hamlet, (string Kind, string Name) Commune,
        (string Kind, string Name)? District, Province Province);

    private static readonly CommuneGazetteer.OldCommune[] Former = CommuneGazetteer.Instance.FormerCommunes.ToArray();
    private static readonly Commune[] Current = [.. AdministrativeMap.Communes];

    [Fact]
    public void Writing_style_never_changes_a_comparison()
    {
        var rng = new Random(2025);
        var failures = new List<string>();
        for (var i = 0; i < 5_000 && failures.Count < 10; i++)
        {
            var a = RandomSpec(rng);
            var b = Related(rng, a);
            var reference = AddressComparer.Compare(Parse(a, Style.Full, rng), Parse(b, Style.Full, rng));
            foreach (var style in Enum.GetValues<Style>())
            {
                var written = Render(a, style, rng);
                var got = AddressComparer.Compare(VietnameseAddress.Parse(written), Parse(b, Style.Full, rng));
                if (got != reference) failures.Add($"{style}: \"{written}\" vs \"{Render(b, Style.Full, rng)}\": {got} instead of {reference}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_style_reads_the_same_parts()
    {
        var rng = new Random(7);
        var failures = new List<string>();
        for (var i = 0; i < 5_000 && failures.Count < 10; i++)
        {
            var spec = RandomSpec(rng);
            var full = Parse(spec, Style.Full, rng);
            foreach (var style in Enum.GetValues<Style>())
            {
                var written = Render(spec, style, rng);
                var other = VietnameseAddress.Parse(written);
                if (Summary(other) != Summary(full)) failures.Add($"{style}: \"{written}\" read {Summary(other)}, full style {Summary(full)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Comparison_is_symmetric_and_an_address_reaches_its_top_level_with_itself()
    {
        var rng = new Random(11);
        for (var i = 0; i < 4_000; i++)
        {
            var a = Parse(RandomSpec(rng), RandomStyle(rng), rng);
            var b = Parse(Related(rng, RandomSpec(rng)), RandomStyle(rng), rng);
            var c = rng.Next(3) == 0 ? Parse(Related(rng, RandomSpec(rng)), Style.Full, rng) : b;
            Assert.Equal(AddressComparer.Compare(a, c), AddressComparer.Compare(c, a));
            Assert.Equal(a.TopLevel, AddressComparer.Compare(a, a).Level);
            Assert.True(AddressComparer.Compare(a, a).FirstDifference is null, a.Text);
        }
    }

    [Fact]
    public void An_old_address_and_its_2025_form_never_differ()
    {
        var rng = new Random(19);
        var failures = new List<string>();
        for (var i = 0; i < 4_000 && failures.Count < 10; i++)
        {
            var old = Former[rng.Next(Former.Length)];
            var hamlet = RandomHamlet(rng);
            var before = new Spec(null, null, hamlet, (old.Kind, old.Name), (old.DistrictKind, old.DistrictName), old.Province);
            var successor = Current[old.Successors[rng.Next(old.Successors.Length)]];
            var after = new Spec(null, null, hamlet, (KindCode(successor.Kind), successor.Name), null, successor.Province);
            var c = AddressComparer.Compare(Parse(before, RandomStyle(rng), rng), Parse(after, RandomStyle(rng), rng));
            if (c.Level != AddressMatchLevel.SameHamlet || c.FirstDifference is not null)
            {
                failures.Add($"\"{Render(before, Style.Full, rng)}\" vs \"{Render(after, Style.Full, rng)}\": {c}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Junk_never_throws()
    {
        var rng = new Random(5);
        const string alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊÔXHTPQ0123456789 ,.-/;:()'\u0300\u0301\u0309\uD800\uFFFF\u00B7\u00A7";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[rng.Next(0, 80)];
            for (var k = 0; k < chars.Length; k++) chars[k] = alphabet[rng.Next(alphabet.Length)];
            var a = VietnameseAddress.Parse(new string(chars));
            var c = AddressComparer.Compare(a, a);
            Assert.Equal(a.TopLevel, c.Level);
            _ = AddressComparer.Explain(a, a);
            _ = a.CommuneKey;
        }
    }

    // -----------------------------------------------------------------------------------------------------------------

    private static Style RandomStyle(Random rng) => (Style)rng.Next(Enum.GetValues<Style>().Length);

    private static VietnameseAddress Parse(Spec spec, Style style, Random rng) => VietnameseAddress.Parse(Render(spec, style, rng));

    private static string Summary(VietnameseAddress a) =>
        $"P={a.Province?.Code} D={a.District.Key} C={a.Commune.Key}{(a.CommuneMayBeDistrict ? "?" : "")} H={a.Hamlet.Key}/{a.Hamlet.Kind.HamletFamily()} S={a.Street.Key} N={a.House.Key}";

    private static (string Kind, string Name) RandomHamlet(Random rng)
    {
        var kind = HamletKinds[rng.Next(HamletKinds.Length)];
        var numbered = kind is "tổ" or "khu phố" or "tổ dân phố" || rng.Next(2) == 0;
        return (kind, numbered ? rng.Next(1, 30).ToString(CultureInfo.InvariantCulture) : HamletNames[rng.Next(HamletNames.Length)]);
    }

    private static Spec RandomSpec(Random rng)
    {
        var hamlet = rng.Next(4) > 0 ? RandomHamlet(rng) : ((string, string)?)null;
        var house = rng.Next(3) == 0 ? $"{rng.Next(1, 300)}{(rng.Next(5) == 0 ? "A" : rng.Next(5) == 0 ? "/" + rng.Next(1, 20) : "")}" : null;
        var street = house is not null && rng.Next(2) == 0 ? Streets[rng.Next(Streets.Length)] : null;
        if (rng.Next(3) > 0)
        {
            var old = Former[rng.Next(Former.Length)];
            return new Spec(house, street, hamlet, (old.Kind, old.Name), (old.DistrictKind, old.DistrictName), old.Province);
        }

        var now = Current[rng.Next(Current.Length)];
        return new Spec(house, street, hamlet, (KindCode(now.Kind), now.Name), null, now.Province.Predecessors.FirstOrDefault(p => p.Name == now.Province.Name) ?? now.Province.Predecessors[0]);
    }

    /// <summary>Another address related to <paramref name="a"/> the way real pairs are: the same, a neighbour, a stranger.</summary>
    private static Spec Related(Random rng, Spec a)
    {
        switch (rng.Next(6))
        {
            case 0: return a;
            case 1: return a with { Hamlet = RandomHamlet(rng), House = null };
            case 2:
                var sameDistrict = Former.Where(o => o.Province == a.Province && a.District is { } d && o.DistrictName == d.Name).ToArray();
                if (sameDistrict.Length == 0) goto default;
                var n = sameDistrict[rng.Next(sameDistrict.Length)];
                return a with { Commune = (n.Kind, n.Name) };
            case 3:
                // The same place written in the 2025 map, when a was written before it.
                var old = Former.FirstOrDefault(o => o.Province == a.Province && a.District is { } d2 && o.DistrictName == d2.Name && o.Name == a.Commune.Name);
                if (old is null) goto default;
                var now = Current[old.Successors[0]];
                return a with { Commune = (KindCode(now.Kind), now.Name), District = null };
            default:
                return RandomSpec(rng);
        }
    }

    private static string KindCode(CommuneKind kind) => kind switch { CommuneKind.Phuong => "P", CommuneKind.DacKhu => "DK", CommuneKind.ThiTran => "TT", _ => "X" };

    // -----------------------------------------------------------------------------------------------------------------
    // Writing an address.

    internal static string Render(Spec spec, Style style, Random rng)
    {
        var abbreviate = style is Style.Abbreviated or Style.AbbreviatedNoDots or Style.UpperAbbreviated or Style.AbbreviatedNoCommas;
        var dots = style != Style.AbbreviatedNoDots;
        var parts = new List<string>();
        bool Short() => abbreviate || (style == Style.Mixed && rng.Next(2) == 0);
        if (spec.House is { } house) parts.Add((Short() ? "SN " : "Số ") + house + (spec.Street is { } s ? (Short() ? " Đ" + (dots ? ". " : " ") : " đường ") + s : ""));
        if (spec.Hamlet is { } h) parts.Add(Unit(h.Kind, h.Name, Short(), dots, AddressLevel.Hamlet));
        parts.Add(Unit(spec.Commune.Kind, spec.Commune.Name, Short(), dots, AddressLevel.Commune));
        if (spec.District is { } d) parts.Add(Unit(d.Kind, d.Name, Short(), dots, AddressLevel.District));
        parts.Add(Unit(spec.Province.IsCity ? "TP" : "T", spec.Province.Name, Short(), dots, AddressLevel.Province));
        var text = string.Join(style switch { Style.NoCommas or Style.AbbreviatedNoCommas => " ", Style.Dashes => " - ", _ => ", " }, parts);
        return style switch
        {
            Style.Upper or Style.UpperAbbreviated => text.ToUpperInvariant(),
            Style.NoDiacritics => RemoveDiacritics(text),
            Style.Nfd => text.Normalize(NormalizationForm.FormD),
            _ => text,
        };
    }

    private static string Unit(string kind, string name, bool abbreviate, bool dots, AddressLevel level)
    {
        var numbered = name.Length > 0 && char.IsAsciiDigit(name[0]);
        var (full, shortForm) = kind switch
        {
            "X" => ("xã", "X"),
            "P" => ("phường", "P"),
            "TT" when level == AddressLevel.Commune => ("thị trấn", "TT"),
            "DK" => ("đặc khu", "đặc khu"),
            "H" => ("huyện", "H"),
            "Q" => ("quận", "Q"),
            "TX" => ("thị xã", "TX"),
            "TP" => ("thành phố", "TP"),
            "T" => ("tỉnh", "T"),
            "xóm" => ("xóm", "X"),
            "thôn" => ("thôn", "Th"),
            "tổ" => ("tổ", numbered ? "T" : "tổ"),
            "khu phố" => ("khu phố", "KP"),
            "tổ dân phố" => ("tổ dân phố", "TDP"),
            _ => (kind, kind),
        };
        if (!abbreviate) return $"{full} {name}";
        var word = shortForm;
        var dotted = dots && word.Length <= 2 && word is not ("KP" or "TDP") && !word.Contains(' ', StringComparison.Ordinal) && char.IsUpper(word[0]);
        return dotted ? $"{word}. {name}" : $"{word} {name}";
    }

    private static string RemoveDiacritics(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
