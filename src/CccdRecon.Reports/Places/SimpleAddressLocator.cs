using System.Globalization;
using CccdRecon.Core.Names;
using CccdRecon.Core.Places;

namespace CccdRecon.Reports.Places;

/// <summary>
/// Reads a household's place from an address written as Vietnamese write them: comma-separated parts from the house to
/// the province, each named by its kind in full or abbreviated ("Số 57, đường Yên Thế, phường An Khánh, Hà Nội";
/// "X. 15, X. Cù Vân, H. Phú Lương, T. Thái Nguyên"). Parts are recognised by their leading words; an abbreviated
/// "X." is the commune (xã) when it is the last one before a district or province, and a hamlet (xóm) otherwise.
/// </summary>
/// <remarks>
/// A deliberately small reader behind <see cref="IHouseholdLocator"/>, for the reports to stand on until the Core
/// address parser (province, district, commune, hamlet, house with unit codes) lands; it knows province codes only.
/// </remarks>
public sealed class SimpleAddressLocator : IHouseholdLocator
{
    public static SimpleAddressLocator Instance { get; } = new();

    /// <summary>Longer text is no address a person keyed; it is not read.</summary>
    public const int MaxAddressLength = 500;

    private enum PartKind { Unknown, House, Street, Hamlet, AmbiguousX, Commune, District, Province }

    private sealed record Prefix(string[] Words, PartKind Kind, string Display)
    {
        public string[] Folded { get; } = Words.Select(VietnameseText.Fold).ToArray();
    }

    // Longest prefixes first: "tổ dân phố" before "tổ", "thị trấn" before "thị xã"'s "thị". Words as Vietnamese spell
    // them: a keyed word matches when it is the same, or the same without its diacritics ("duong" is đường, but
    // "Dương" is a name).
    private static readonly Prefix[] Prefixes = new Prefix[]
    {
        new(["thị", "trấn"], PartKind.Commune, "Thị trấn"), new(["tt"], PartKind.Commune, "Thị trấn"),
        new(["xã"], PartKind.Commune, "Xã"), new(["phường"], PartKind.Commune, "Phường"), new(["p"], PartKind.Commune, "Phường"),
        new(["đặc", "khu"], PartKind.Commune, "Đặc khu"),
        new(["x"], PartKind.AmbiguousX, "Xã"),
        new(["thị", "xã"], PartKind.District, "Thị xã"), new(["tx"], PartKind.District, "Thị xã"),
        new(["quận"], PartKind.District, "Quận"), new(["q"], PartKind.District, "Quận"),
        new(["huyện"], PartKind.District, "Huyện"), new(["h"], PartKind.District, "Huyện"),
        new(["thành", "phố"], PartKind.District, "Thành phố"), new(["tp"], PartKind.District, "Thành phố"), new(["t", "p"], PartKind.District, "Thành phố"),
        new(["tỉnh"], PartKind.Province, "Tỉnh"), new(["t"], PartKind.Province, "Tỉnh"),
        new(["tổ", "dân", "phố"], PartKind.Hamlet, "Tổ dân phố"), new(["tdp"], PartKind.Hamlet, "Tổ dân phố"),
        new(["khu", "phố"], PartKind.Hamlet, "Khu phố"), new(["kp"], PartKind.Hamlet, "Khu phố"),
        new(["thôn"], PartKind.Hamlet, "Thôn"), new(["ấp"], PartKind.Hamlet, "Ấp"), new(["bản"], PartKind.Hamlet, "Bản"),
        new(["xóm"], PartKind.Hamlet, "Xóm"), new(["tổ"], PartKind.Hamlet, "Tổ"), new(["khóm"], PartKind.Hamlet, "Khóm"),
        new(["buôn"], PartKind.Hamlet, "Buôn"), new(["làng"], PartKind.Hamlet, "Làng"), new(["sóc"], PartKind.Hamlet, "Sóc"),
        new(["plei"], PartKind.Hamlet, "Plei"), new(["đội"], PartKind.Hamlet, "Đội"), new(["cụm"], PartKind.Hamlet, "Cụm"),
        new(["khu"], PartKind.Hamlet, "Khu"),
        new(["đường"], PartKind.Street, "Đường"), new(["phố"], PartKind.Street, "Phố"), new(["ngõ"], PartKind.Street, "Ngõ"),
        new(["ngách"], PartKind.Street, "Ngách"), new(["hẻm"], PartKind.Street, "Hẻm"), new(["kiệt"], PartKind.Street, "Kiệt"),
        new(["số", "nhà"], PartKind.House, "Số"), new(["sn"], PartKind.House, "Số"), new(["số"], PartKind.House, "Số"),
    }.OrderByDescending(p => p.Words.Length).ToArray();

    private static bool WordIs(string keyed, string folded, string prefixWord, string prefixFolded)
        => folded == prefixFolded && (!VietnameseText.HasDiacritics(keyed) || VietnameseText.Canonicalize(keyed) == prefixWord);

    private sealed record Part(PartKind Kind, string Display, string Name, string FoldedName, string Raw);

    public HouseholdPlace Locate(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxAddressLength) return HouseholdPlace.Unknown;
        var parts = address.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Read).Where(p => p is not null).Select(p => p!).ToList();
        if (parts.Count == 0) return HouseholdPlace.Unknown;

        // The province: a part with a province prefix, or the last part when it is a province's name.
        Province? province = null;
        int provinceAt = parts.FindLastIndex(p => p.Kind == PartKind.Province);
        // The last part read whole ("Sóc Trăng" is a province, not the hamlet prefix "sóc"), unless it names a commune.
        if (provinceAt < 0 && parts[^1].Kind != PartKind.Commune && Province.Find(parts[^1].Raw) is not null)
            provinceAt = parts.Count - 1;
        if (provinceAt >= 0)
        {
            province = Province.Find(parts[provinceAt].Raw) ?? Province.Find(parts[provinceAt].Name);
            parts[provinceAt] = parts[provinceAt] with { Kind = PartKind.Province };
        }

        int districtAt = parts.FindLastIndex(p => p.Kind == PartKind.District);
        int communeAt = parts.FindLastIndex(p => p.Kind == PartKind.Commune);
        if (communeAt < 0)
        {
            // "X. Cù Vân" before the district or province is the commune; other X. parts are hamlets (xóm).
            int x = parts.FindLastIndex(p => p.Kind == PartKind.AmbiguousX);
            if (x >= 0 && x + 1 < parts.Count && parts[x + 1].Kind is PartKind.District or PartKind.Province) communeAt = x;
        }

        if (communeAt < 0)
        {
            // An unnamed part right before the district or province ("…, An Khánh, Hà Nội").
            int before = (districtAt >= 0 ? districtAt : provinceAt) - 1;
            if (before >= 1 && parts[before].Kind == PartKind.Unknown) communeAt = before;
        }

        string? hamlet = null, street = null, house = null;
        int end = communeAt >= 0 ? communeAt : districtAt >= 0 ? districtAt : provinceAt >= 0 ? provinceAt : parts.Count;
        for (int i = 0; i < end; i++)
        {
            var p = parts[i];
            switch (p.Kind)
            {
                case PartKind.Hamlet or PartKind.AmbiguousX:
                    hamlet ??= Join(p.Kind == PartKind.AmbiguousX ? "Xóm" : p.Display, p.Name);
                    break;
                case PartKind.Street:
                    street ??= Join(p.Display, p.Name);
                    break;
                case PartKind.House:
                    house ??= Join(p.Display, p.Name);
                    break;
                default:
                    // "57 Yên Thế": a number then a street; anything else unnamed goes with the street.
                    if (house is null && p.Name.Length > 0 && char.IsAsciiDigit(p.Name[0]))
                    {
                        var space = p.Name.IndexOf(' ', StringComparison.Ordinal);
                        house = space < 0 ? p.Name : p.Name[..space];
                        if (space > 0) street ??= p.Name[(space + 1)..].Trim();
                    }
                    else
                    {
                        street ??= Join(p.Display, p.Name);
                    }

                    break;
            }
        }

        CommunePlace? commune = null;
        if (communeAt >= 0)
        {
            var c = parts[communeAt];
            var district = districtAt > communeAt ? parts[districtAt] : null;
            var provinceKey = province is not null ? province.Code : provinceAt > communeAt ? parts[provinceAt].FoldedName : "";
            var kind = c.Kind == PartKind.Unknown ? "" : c.Display;
            var key = string.Join('|', VietnameseText.Fold(kind), c.FoldedName, district?.FoldedName ?? "", provinceKey);
            commune = new CommunePlace(key, Join(kind, c.Name), district is null ? null : Join(district.Display, district.Name),
                province?.Name ?? (provinceAt > communeAt ? parts[provinceAt].Name : null))
            {
                // Personal-ID province codes are the 2-digit unit codes with a leading zero ("001" for Hà Nội, unit 01).
                ProvinceCode = province is { Code.Length: 3 } ? province.Code[1..] : null,
            };
        }

        return new HouseholdPlace(commune, hamlet, street, house);
    }

    private static string Join(string kind, string name) => kind.Length == 0 ? name : name.Length == 0 ? kind : kind + " " + name;

    /// <summary>Reads one part: its kind from its leading words, and the rest as written (tidied).</summary>
    private static Part? Read(string raw)
    {
        var text = raw.Normalize(System.Text.NormalizationForm.FormC);
        var words = Words(text);
        if (words.Count == 0) return null;
        var folded = words.Select(w => VietnameseText.Fold(text.Substring(w.Start, w.Length))).ToList();
        foreach (var prefix in Prefixes)
        {
            if (prefix.Words.Length > folded.Count || (prefix.Words.Length == folded.Count && prefix.Kind != PartKind.House)) continue;
            bool matches = true;
            for (int i = 0; i < prefix.Words.Length && matches; i++)
                matches = WordIs(text.Substring(words[i].Start, words[i].Length), folded[i], prefix.Words[i], prefix.Folded[i]);
            if (!matches) continue;
            // A one-letter abbreviation needs its dot or a following name ("P. An Khánh", "P An Khánh"); that holds by length.
            var rest = words[prefix.Words.Length];
            var name = Tidy(text[rest.Start..]);
            return new Part(prefix.Kind, prefix.Display, name, string.Join(' ', folded.Skip(prefix.Words.Length)), text);
        }

        return new Part(PartKind.Unknown, "", Tidy(text), string.Join(' ', folded), text);
    }

    private static List<(int Start, int Length)> Words(string text)
    {
        var words = new List<(int, int)>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark)) i++;
            if (i > start) words.Add((start, i - start));
        }

        return words;
    }

    /// <summary>Single spaces; a name keyed all in capitals or all in lower case is title-cased ("AN KHÁNH" → "An Khánh").</summary>
    private static string Tidy(string text)
    {
        var collapsed = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim('.', ' ');
        bool hasUpper = collapsed.Any(char.IsUpper), hasLower = collapsed.Any(char.IsLower);
        return hasUpper && hasLower ? collapsed : VietnameseText.ToTitleCase(collapsed.ToLowerInvariant());
    }
}
