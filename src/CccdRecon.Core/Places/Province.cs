using CccdRecon.Core.Names;
using System.Collections.Frozen;
using System.Text;

namespace CccdRecon.Core.Places;

/// <summary>Which administrative map a province belongs to: the 63 provinces until 30 June 2025, the 34 since 1 July 2025.</summary>
[Flags]
public enum ProvinceMaps
{
    None = 0,
    /// <summary>The 63 provinces and centrally-run cities in force until 30 June 2025.</summary>
    Before2025 = 1,
    /// <summary>The 34 provinces and centrally-run cities in force since 1 July 2025 (Resolution 202/2025/QH15).</summary>
    Since2025 = 2,
    /// <summary>One of the 11 provinces the 2025 arrangement left unchanged: the same unit in both maps.</summary>
    Both = Before2025 | Since2025,
}

/// <summary>A province or centrally-run city (tỉnh / thành phố trực thuộc trung ương) of either administrative map.</summary>
/// <param name="Code">
/// For the 63 provinces (including the ten the 2025 arrangement left as they were) the 3-digit code used in personal ID
/// numbers, e.g. "038" Thanh Hóa. ID numbers keep that code of the place of birth registration, so it is never
/// re-used. The provinces listed only in the current map (the 23 formed on 1 July 2025, and Huế) have no ID code of
/// their own: theirs is the 2-digit administrative code of Decision 19/2025/QĐ-TTg (e.g. "19" Thái Nguyên), so the two
/// kinds never collide.
/// </param>
/// <param name="Name">official name without prefix, e.g. "Thanh Hóa"</param>
/// <remarks>
/// Provinces are singletons and compare by reference. <see cref="Successor"/> and <see cref="Predecessors"/> link the
/// maps; <see cref="AdministrativeMap"/> answers questions across them (same province, current residence, communes).
/// </remarks>
public sealed record Province(string Code, string Name)
{
    /// <summary>The map(s) this province belongs to.</summary>
    public ProvinceMaps Maps { get; private init; }

    /// <summary>The 2-digit administrative code (mã đơn vị hành chính) in its map, e.g. "19".</summary>
    /// <remarks>Unique within one map only: the new Lào Cai took the old Yên Bái's "15".</remarks>
    public string AdministrativeCode { get; private init; } = "";

    /// <summary>A centrally-run city (thành phố trực thuộc trung ương) rather than a province (tỉnh).</summary>
    public bool IsCity { get; private init; }

    /// <summary>The province of the 34-province map that holds this one's territory since 1 July 2025 (itself when current).</summary>
    public Province Successor { get; private set; } = null!;

    /// <summary>The provinces of the 63-province map merged into this one (itself when unchanged; empty for a former province).</summary>
    public IReadOnlyList<Province> Predecessors { get; private set; } = [];

    /// <summary>True for a province of the map in force since 1 July 2025.</summary>
    public bool IsCurrent => (Maps & ProvinceMaps.Since2025) != 0;

    /// <summary>
    /// True when the name written alone could mean the current province as well as the former one: "Thái Nguyên"
    /// names the old province and the new one that absorbed Bắc Kạn; "Bắc Kạn" can only be the former.
    /// </summary>
    public bool NameIsCurrent => Successor.Name == Name;

    /// <summary>Dense index over both maps (0-62 the 63 provinces, then the 24 listed only in the current map), for arrays keyed by province.</summary>
    internal int Ordinal { get; private init; }

    /// <summary>The folded key of the name ("thuathienhue"), as addresses key what they read.</summary>
    internal string Key { get; private init; } = "";

    public bool Equals(Province? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    public override string ToString() => Name;

    // ---------------------------------------------------------------------------------------------------------------
    // The 63-province map. Codes of Circular 07/2016/TT-BCA (kept by Circular 59/2021/TT-BCA; the ID number keeps the
    // code of the province of birth registration after 2025). Gaps are codes of provinces that no longer existed by
    // then (Hà Tây merged into Hà Nội in 2008, and the like). Names are those of the code table, as registries wrote
    // them: Thừa Thiên Huế became the centrally-run city of Huế on 1 January 2025 (Resolution 175/2024/QH15) under
    // the same code, and is listed in the current map under that name (below).
    private static readonly (string Code, string Name, bool City)[] Before2025Data =
    [
        ("001", "Hà Nội", true), ("002", "Hà Giang", false), ("004", "Cao Bằng", false), ("006", "Bắc Kạn", false),
        ("008", "Tuyên Quang", false), ("010", "Lào Cai", false), ("011", "Điện Biên", false), ("012", "Lai Châu", false),
        ("014", "Sơn La", false), ("015", "Yên Bái", false), ("017", "Hòa Bình", false), ("019", "Thái Nguyên", false),
        ("020", "Lạng Sơn", false), ("022", "Quảng Ninh", false), ("024", "Bắc Giang", false), ("025", "Phú Thọ", false),
        ("026", "Vĩnh Phúc", false), ("027", "Bắc Ninh", false), ("030", "Hải Dương", false), ("031", "Hải Phòng", true),
        ("033", "Hưng Yên", false), ("034", "Thái Bình", false), ("035", "Hà Nam", false), ("036", "Nam Định", false),
        ("037", "Ninh Bình", false), ("038", "Thanh Hóa", false), ("040", "Nghệ An", false), ("042", "Hà Tĩnh", false),
        ("044", "Quảng Bình", false), ("045", "Quảng Trị", false), ("046", "Thừa Thiên Huế", false), ("048", "Đà Nẵng", true),
        ("049", "Quảng Nam", false), ("051", "Quảng Ngãi", false), ("052", "Bình Định", false), ("054", "Phú Yên", false),
        ("056", "Khánh Hòa", false), ("058", "Ninh Thuận", false), ("060", "Bình Thuận", false), ("062", "Kon Tum", false),
        ("064", "Gia Lai", false), ("066", "Đắk Lắk", false), ("067", "Đắk Nông", false), ("068", "Lâm Đồng", false),
        ("070", "Bình Phước", false), ("072", "Tây Ninh", false), ("074", "Bình Dương", false), ("075", "Đồng Nai", false),
        ("077", "Bà Rịa - Vũng Tàu", false), ("079", "Hồ Chí Minh", true), ("080", "Long An", false), ("082", "Tiền Giang", false),
        ("083", "Bến Tre", false), ("084", "Trà Vinh", false), ("086", "Vĩnh Long", false), ("087", "Đồng Tháp", false),
        ("089", "An Giang", false), ("091", "Kiên Giang", false), ("092", "Cần Thơ", true), ("093", "Hậu Giang", false),
        ("094", "Sóc Trăng", false), ("095", "Bạc Liêu", false), ("096", "Cà Mau", false),
    ];

    // ---------------------------------------------------------------------------------------------------------------
    // The 34-province map in force since 1 July 2025: Resolution 202/2025/QH15 of the National Assembly (passed
    // 12 June 2025; the new local governments operate from 1 July 2025), which left 11 provinces unchanged and formed
    // 23 from the other 52. Administrative codes of the new units: Decision 19/2025/QĐ-TTg. Sources checked:
    //   - sotuphap.kontum.gov.vn, "Quốc hội thông qua Nghị quyết về sắp xếp đơn vị hành chính cấp tỉnh" (the
    //     resolution's number, dates and the Kon Tum + Quảng Ngãi → Quảng Ngãi article);
    //   - znews.vn, "Hình ảnh trang nhất báo Đảng địa phương ngày 1/7 sau sáp nhập" (the 23 merged, the 11 unchanged);
    //   - bnews.vn, "Tên gọi, trung tâm hành chính các đơn vị hành chính cấp tỉnh mới sau sáp nhập, hợp nhất";
    //   - the data sets thanglequoc/vietnamese-provinces-database (MIT; names, codes and "trước sáp nhập" per province,
    //     from sapnhap.bando.com.vn) and tranngocminhhieu/vietnamadminunits (MIT; every old commune's new province).
    //     Both agree with the table below province by province.
    // Đồng Nai became a centrally-run city on 30 April 2026 (Resolution 30/2026/QH16, as tracked by
    // thanglequoc/vietnamese-provinces-database v3.1.0; the proposal is reported by dongnai.gov.vn); its code and
    // territory did not change.
    // Of the 11 units Resolution 202/2025/QH15 did not arrange, ten keep the name of the code table and are one unit in
    // both maps; the eleventh, Huế, is listed as formed from Thừa Thiên Huế (renamed, not merged) so that each map
    // shows the name in force in it.
    private static readonly string[] Unchanged2025 = ["001", "004", "011", "012", "014", "020", "022", "038", "040", "042"];

    private static readonly (string Code, string Name, bool City, string[] Predecessors)[] Formed2025 =
    [
        ("08", "Tuyên Quang", false, ["002", "008"]),
        ("15", "Lào Cai", false, ["010", "015"]),
        ("19", "Thái Nguyên", false, ["006", "019"]),
        ("25", "Phú Thọ", false, ["017", "025", "026"]),
        ("24", "Bắc Ninh", false, ["024", "027"]),
        ("33", "Hưng Yên", false, ["033", "034"]),
        ("31", "Hải Phòng", true, ["030", "031"]),
        ("37", "Ninh Bình", false, ["035", "036", "037"]),
        ("44", "Quảng Trị", false, ["044", "045"]),
        ("48", "Đà Nẵng", true, ["048", "049"]),
        ("51", "Quảng Ngãi", false, ["051", "062"]),
        ("52", "Gia Lai", false, ["052", "064"]),
        ("56", "Khánh Hòa", false, ["056", "058"]),
        ("66", "Đắk Lắk", false, ["054", "066"]),
        ("68", "Lâm Đồng", false, ["060", "067", "068"]),
        ("79", "Hồ Chí Minh", true, ["074", "077", "079"]),
        ("75", "Đồng Nai", true, ["070", "075"]),
        ("80", "Tây Ninh", false, ["072", "080"]),
        ("82", "Đồng Tháp", false, ["082", "087"]),
        ("86", "Vĩnh Long", false, ["083", "084", "086"]),
        ("91", "An Giang", false, ["089", "091"]),
        ("92", "Cần Thơ", true, ["092", "093", "094"]),
        ("96", "Cà Mau", false, ["095", "096"]),
        ("46", "Huế", true, ["046"]),
    ];

    private static readonly (Province[] Before, Province[] Since, Province[] Every) AllMaps = BuildMaps();

    private static Province[] Provinces => AllMaps.Before;

    private static readonly FrozenDictionary<string, Province> ByCode = Provinces.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);

    // Declared after ByCode, which BuildKeys uses: static fields initialise in textual order.
    // Keys are folded names with every separator removed ("thanhhoa"), so spacing and hyphens never matter.
    private static readonly FrozenDictionary<string, Province> ByKey = BuildKeys();

    private static readonly FrozenDictionary<string, Province>.AlternateLookup<ReadOnlySpan<char>> ByKeySpan =
        ByKey.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>All 63 provinces of the map in force until 30 June 2025, with their personal-ID codes.</summary>
    public static IReadOnlyList<Province> All => Provinces;

    /// <summary>The 34 provinces and centrally-run cities in force since 1 July 2025.</summary>
    public static IReadOnlyList<Province> Current => AllMaps.Since;

    /// <summary>Every province of either map (87: the 63, then the 24 listed only in the current map), indexed by <see cref="Ordinal"/>.</summary>
    internal static IReadOnlyList<Province> Every => AllMaps.Every;

    /// <summary>A province of the 63-province map by its personal-ID code ("038"). Null when unknown.</summary>
    public static Province? FromCode(string code) => code is not null && ByCode.TryGetValue(code, out var province) ? province : null;

    /// <summary>
    /// Reads "Tỉnh Thanh Hoá", "T. Thanh Hoa", "TP HCM", "Tp. Hồ Chí Minh", "thanh hoa". Null when unknown.
    /// A name both maps use ("Thái Nguyên") gives the province of the 63-province map; its <see cref="Successor"/> is the
    /// current one.
    /// </summary>
    public static Province? Find(string? raw)
    {
        // Ill-formed text (a lone surrogate from a mis-decoded file, a noncharacter) names no province.
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 200 || !IsWellFormed(raw))
        {
            return null;
        }

        // A province's births are keyed a few dozen ways: every registry record and form asks again.
        if (Found.TryGetValue(raw, out var known)) return known;
        var province = Search(raw);
        if (Volatile.Read(ref _foundCount) < FoundLimit && Found.TryAdd(raw, province)) Interlocked.Increment(ref _foundCount);
        return province;
    }

    /// <summary>A province by its key: the folded words of its name run together ("bariavungtau", "hcm"). No prefix.</summary>
    internal static Province? FindKey(ReadOnlySpan<char> key) => ByKeySpan.TryGetValue(key, out var province) ? province : null;

    // Bounded, so that a file of junk in the birth-place column cannot grow it without end.
    private const int FoundLimit = 8_192;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Province?> Found = new(StringComparer.Ordinal);
    private static int _foundCount;

    private static Province? Search(string raw)
    {
        var words = Words(VietnameseText.Fold(raw));
        if (words.Count == 0)
        {
            return null;
        }

        // Whole text first: "tphcm" and "thanh pho hue" are keys of their own.
        if (ByKey.TryGetValue(string.Concat(words), out var whole))
        {
            return whole;
        }

        var start = PrefixLength(words);
        var end = words.Count;
        if (end - start > 1 && words[end - 1] is "city" or "province")
        {
            end--;
        }

        return start < end && ByKey.TryGetValue(string.Concat(words.Skip(start).Take(end - start)), out var province) ? province : null;
    }

    /// <summary>How many leading words are an administrative prefix: "tỉnh", "t.", "thành phố", "tp", "t.p".</summary>
    private static int PrefixLength(List<string> words)
    {
        if (words.Count > 2 && words[0] == "thanh" && words[1] == "pho")
        {
            return 2;
        }

        if (words.Count > 2 && words[0] == "t" && words[1] == "p")
        {
            return 2;
        }

        return words.Count > 1 && words[0] is "tinh" or "t" or "tp" ? 1 : 0;
    }

    /// <summary>Splits folded text at anything that is not a letter or digit (spaces, dots, hyphens, en dashes).</summary>
    private static List<string> Words(string folded)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static string KeyOf(string name) => string.Concat(Words(VietnameseText.Fold(name)));

    private static (Province[] Before, Province[] Since, Province[] Every) BuildMaps()
    {
        var unchanged = Unchanged2025.ToHashSet(StringComparer.Ordinal);
        var before = new Province[Before2025Data.Length];
        for (var i = 0; i < before.Length; i++)
        {
            var (code, name, city) = Before2025Data[i];
            before[i] = new Province(code, name)
            {
                Maps = unchanged.Contains(code) ? ProvinceMaps.Both : ProvinceMaps.Before2025,
                AdministrativeCode = code[1..],
                IsCity = city,
                Ordinal = i,
                Key = KeyOf(name),
            };
        }

        var byCode = before.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var every = new List<Province>(before);
        var since = new List<Province>();
        foreach (var p in before.Where(p => p.Maps == ProvinceMaps.Both))
        {
            p.Successor = p;
            p.Predecessors = [p];
            since.Add(p);
        }

        foreach (var (code, name, city, predecessors) in Formed2025)
        {
            var formed = new Province(code, name) { Maps = ProvinceMaps.Since2025, AdministrativeCode = code, IsCity = city, Ordinal = every.Count, Key = KeyOf(name) };
            formed.Successor = formed;
            formed.Predecessors = predecessors.Select(c => byCode[c]).ToArray();
            foreach (var old in formed.Predecessors) old.Successor = formed;
            every.Add(formed);
            since.Add(formed);
        }

        // Ordered by administrative code, as the official list is.
        since.Sort((a, b) => string.CompareOrdinal(a.AdministrativeCode, b.AdministrativeCode));
        return (before, since.ToArray(), every.ToArray());
    }

    private static FrozenDictionary<string, Province> BuildKeys()
    {
        var keys = new Dictionary<string, Province>(StringComparer.Ordinal);
        foreach (var province in Provinces)
        {
            keys[KeyOf(province.Name)] = province;
        }

        // Short forms and older spellings that people really write on forms.
        (string Alias, string Code)[] aliases =
        [
            ("HN", "001"), ("Thủ đô Hà Nội", "001"),
            ("HCM", "079"), ("TPHCM", "079"), ("TP.HCM", "079"), ("Sài Gòn", "079"), ("SG", "079"), ("Hồ Chí Minh city", "079"),
            ("Hải Phòng", "031"), ("HP", "031"),
            ("Đà Nẵng", "048"), ("Cần Thơ", "092"),
            ("Huế", "046"), ("Thành phố Huế", "046"), ("TT Huế", "046"), ("TTH", "046"), ("Thừa Thiên", "046"),
            ("BRVT", "077"), ("BR-VT", "077"), ("Vũng Tàu", "077"),
            ("Đắc Lắc", "066"), ("Đắk Lắc", "066"), ("Đắc Lắk", "066"), ("Daklak", "066"),
            ("Đắc Nông", "067"), ("Daknong", "067"),
            ("Bắc Cạn", "006"), ("Kontum", "062"), ("Hoà Bình", "017"), ("Khánh Hoà", "056"), ("Thanh Hoá", "038"),
        ];
        foreach (var (alias, code) in aliases)
        {
            keys[KeyOf(alias)] = ByCode[code];
        }

        return keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\uFFFE' or '\uFFFF') return false;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return false;
        }
        return true;
    }
}
