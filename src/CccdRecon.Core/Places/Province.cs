using CccdRecon.Core.Names;
using System.Collections.Frozen;
using System.Text;

namespace CccdRecon.Core.Places;

/// <summary>A province or centrally-run city (tỉnh / thành phố trực thuộc trung ương) with its ID-number code.</summary>
/// <param name="Code">3-digit code used in personal ID numbers, e.g. "038" Thanh Hóa</param>
/// <param name="Name">official name without prefix, e.g. "Thanh Hóa"</param>
public sealed record Province(string Code, string Name)
{
    // The 63 codes of Circular 07/2016/TT-BCA (kept by Circular 59/2021/TT-BCA). Gaps in the numbering are
    // codes of provinces that no longer exist (Hà Tây merged into Hà Nội in 2008, and the like).
    private static readonly Province[] Provinces =
    [
        new("001", "Hà Nội"), new("002", "Hà Giang"), new("004", "Cao Bằng"), new("006", "Bắc Kạn"),
        new("008", "Tuyên Quang"), new("010", "Lào Cai"), new("011", "Điện Biên"), new("012", "Lai Châu"),
        new("014", "Sơn La"), new("015", "Yên Bái"), new("017", "Hòa Bình"), new("019", "Thái Nguyên"),
        new("020", "Lạng Sơn"), new("022", "Quảng Ninh"), new("024", "Bắc Giang"), new("025", "Phú Thọ"),
        new("026", "Vĩnh Phúc"), new("027", "Bắc Ninh"), new("030", "Hải Dương"), new("031", "Hải Phòng"),
        new("033", "Hưng Yên"), new("034", "Thái Bình"), new("035", "Hà Nam"), new("036", "Nam Định"),
        new("037", "Ninh Bình"), new("038", "Thanh Hóa"), new("040", "Nghệ An"), new("042", "Hà Tĩnh"),
        new("044", "Quảng Bình"), new("045", "Quảng Trị"), new("046", "Thừa Thiên Huế"), new("048", "Đà Nẵng"),
        new("049", "Quảng Nam"), new("051", "Quảng Ngãi"), new("052", "Bình Định"), new("054", "Phú Yên"),
        new("056", "Khánh Hòa"), new("058", "Ninh Thuận"), new("060", "Bình Thuận"), new("062", "Kon Tum"),
        new("064", "Gia Lai"), new("066", "Đắk Lắk"), new("067", "Đắk Nông"), new("068", "Lâm Đồng"),
        new("070", "Bình Phước"), new("072", "Tây Ninh"), new("074", "Bình Dương"), new("075", "Đồng Nai"),
        new("077", "Bà Rịa - Vũng Tàu"), new("079", "Hồ Chí Minh"), new("080", "Long An"), new("082", "Tiền Giang"),
        new("083", "Bến Tre"), new("084", "Trà Vinh"), new("086", "Vĩnh Long"), new("087", "Đồng Tháp"),
        new("089", "An Giang"), new("091", "Kiên Giang"), new("092", "Cần Thơ"), new("093", "Hậu Giang"),
        new("094", "Sóc Trăng"), new("095", "Bạc Liêu"), new("096", "Cà Mau"),
    ];

    private static readonly FrozenDictionary<string, Province> ByCode = Provinces.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);

    // Declared after ByCode, which BuildKeys uses: static fields initialise in textual order.
    // Keys are folded names with every separator removed ("thanhhoa"), so spacing and hyphens never matter.
    private static readonly FrozenDictionary<string, Province> ByKey = BuildKeys();

    /// <summary>All 63 provinces with their personal-ID codes.</summary>
    public static IReadOnlyList<Province> All => Provinces;

    public static Province? FromCode(string code) => code is not null && ByCode.TryGetValue(code, out var province) ? province : null;

    /// <summary>Reads "Tỉnh Thanh Hoá", "T. Thanh Hoa", "TP HCM", "Tp. Hồ Chí Minh", "thanh hoa". Null when unknown.</summary>
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

    private static string Key(string name) => string.Concat(Words(VietnameseText.Fold(name)));

    private static FrozenDictionary<string, Province> BuildKeys()
    {
        var keys = new Dictionary<string, Province>(StringComparer.Ordinal);
        foreach (var province in Provinces)
        {
            keys[Key(province.Name)] = province;
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
            keys[Key(alias)] = ByCode[code];
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
