using System.Text;

namespace CccdRecon.Fuzz.Tests.Harness;

/// <summary>
/// Generates text values: seeds as they are, seeds mutated (bit flips, splices, repeats, truncations), random runs of
/// the characters that break parsers (quotes, control characters, combining marks, lone surrogates, legacy-encoding
/// bytes), arbitrary UTF-16, decoded random bytes, and now and then a huge value of up to 1 MB.
/// </summary>
internal static class Strings
{
    private const int HugeOneIn = 2_000;
    public const int HugeMax = 1024 * 1024;

    private static readonly string[] Interesting =
    [
        "\"", "\"\"", ",", "\r", "\n", "\r\n", "\t", "\0", "\u0001", "\u001F", "\u007F", "\u0085", "\u009F", "\u00A0", "\u00AD",
        "\u200B", "\u200D", "\u2028", "\uFEFF", "\uFFFD", "\uFFFF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\U0001D7D9", "\U0001F600",
        "\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0309", "\u031B", "\u0323", "\u0344", "\u0F73", "\uFB2C",
        "'", "\u2019", "\u02BC", "-", "\u2013", ".", "/", " ", "  ", "0", "1", "9", "12", "1990", "\uFF10", "\u0663", "\u00B2",
        "a", "A", "z", "đ", "Đ", "ă", "â", "ê", "ô", "ơ", "ư", "ờ", "Ứ", "ỹ", "ß", "İ", "ı", "ǅ",
        "¨", "©", "ª", "«", "¬", "®", "¸", "µ", "¶", "·", "¹", "Þ", "ß", "ø", "Ô", "§", "Ã", "Â", "Ê", "Ö", "Ù", "Ñ", "ò", "ö",
        "ngày", "tháng", "năm", "ngay", "thang", "nam", "Nữ", "Nam", "tỉnh", "TP", "thành phố", "city",
    ];

    private static readonly char[] Combining =
        ['\u0300', '\u0301', '\u0302', '\u0303', '\u0306', '\u0309', '\u031B', '\u0323', '\u0308', '\u0327', '\u0344'];

    /// <param name="rng">the iteration's generator</param>
    /// <param name="seeds">values to start from</param>
    /// <param name="huge">whether this value may be one of the rare huge ones (not for the cells of a row, which has many)</param>
    public static string Next(Random rng, string[] seeds, bool huge = true)
    {
        if (huge && rng.Next(HugeOneIn) == 0)
        {
            return Huge(rng, seeds);
        }

        return rng.Next(100) switch
        {
            < 12 => Pick(rng, seeds),
            < 45 => Mutate(rng, Pick(rng, seeds), seeds, rng.Next(1, 5)),
            < 65 => FromInteresting(rng, rng.Next(0, 12)),
            < 75 => RandomUtf16(rng, rng.Next(0, 33)),
            < 85 => DecodedBytes(rng),
            < 95 => CombiningFlood(rng, Pick(rng, seeds)),
            _ => Mutate(rng, Pick(rng, seeds) + " " + Pick(rng, seeds), seeds, rng.Next(1, 8)),
        };
    }

    public static string Pick(Random rng, string[] seeds) => seeds[rng.Next(seeds.Length)];

    public static string Mutate(Random rng, string seed, string[] seeds, int count)
    {
        var text = new StringBuilder(seed);
        for (var m = 0; m < count; m++)
        {
            var at = rng.Next(text.Length + 1);
            switch (rng.Next(11))
            {
                case 0 when text.Length > 0:
                    var i = Math.Min(at, text.Length - 1);
                    text[i] = (char)(text[i] ^ (1 << rng.Next(16)));
                    break;
                case 1:
                    text.Insert(at, Interesting[rng.Next(Interesting.Length)]);
                    break;
                case 2 when text.Length > 0:
                    var start = Math.Min(at, text.Length - 1);
                    text.Remove(start, rng.Next(1, text.Length - start + 1));
                    break;
                case 3 when text.Length > 0:
                    var from = Math.Min(at, text.Length - 1);
                    var piece = text.ToString(from, rng.Next(1, Math.Min(16, text.Length - from) + 1));
                    var times = rng.Next(1, 50);
                    for (var t = 0; t < times; t++) text.Insert(from, piece);
                    break;
                case 4:
                    var other = Pick(rng, seeds);
                    text.Length = at;
                    text.Append(other.AsSpan(rng.Next(other.Length + 1)));
                    break;
                case 5:
                    text.Length = at;
                    break;
                case 6:
                    text.Insert(at, (char)rng.Next(0xD800, 0xE000));
                    break;
                case 7:
                    var upper = rng.Next(2) == 0;
                    var s = text.ToString();
                    text.Clear().Append(upper ? s.ToUpperInvariant() : s.ToLowerInvariant());
                    break;
                case 8:
                    text.Clear().Append(Normalize(text.ToString(), rng.Next(2) == 0 ? NormalizationForm.FormD : NormalizationForm.FormKC));
                    break;
                case 9:
                    for (var k = rng.Next(1, 200); k > 0; k--) text.Insert(at, Combining[rng.Next(Combining.Length)]);
                    break;
                default:
                    text.Insert(at, (char)rng.Next(0x20));
                    break;
            }
        }

        return text.ToString();
    }

    public static string FromInteresting(Random rng, int parts)
    {
        var text = new StringBuilder();
        for (var i = 0; i < parts; i++) text.Append(Interesting[rng.Next(Interesting.Length)]);
        return text.ToString();
    }

    public static string RandomUtf16(Random rng, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)(rng.Next(4) == 0 ? rng.Next(0x80) : rng.Next(0x10000));
        return new string(chars);
    }

    /// <summary>Random bytes read the ways a mis-declared file is read: Latin-1 (mojibake), or UTF-8 with replacement characters.</summary>
    public static string DecodedBytes(Random rng)
    {
        var bytes = new byte[rng.Next(0, 40)];
        rng.NextBytes(bytes);
        return rng.Next(2) == 0 ? Encoding.Latin1.GetString(bytes) : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A value whose letters each carry many combining marks, or one letter buried under hundreds of them.</summary>
    public static string CombiningFlood(Random rng, string seed)
    {
        var text = new StringBuilder();
        var marks = rng.Next(1, 400);
        if (rng.Next(2) == 0)
        {
            text.Append(seed.Length > 0 ? seed[0] : 'a');
            for (var i = 0; i < marks; i++) text.Append(Combining[rng.Next(Combining.Length)]);
            return text.ToString();
        }

        foreach (var c in Normalize(seed, NormalizationForm.FormD))
        {
            text.Append(c);
            for (var i = rng.Next(0, 4); i > 0; i--) text.Append(Combining[rng.Next(Combining.Length)]);
        }

        return text.ToString();
    }

    /// <summary>Up to 1 MB: a seed repeated, a combining-mark flood, or random UTF-16.</summary>
    public static string Huge(Random rng, string[] seeds)
    {
        var length = rng.Next(1, HugeMax + 1);
        return rng.Next(3) switch
        {
            0 => Repeat(Pick(rng, seeds) + " ", length),
            1 => "a" + new string('\u0301', length - 1),
            _ => RandomUtf16(rng, length),
        };
    }

    public static string Repeat(string piece, int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length) text.Append(piece);
        text.Length = length;
        return text.ToString();
    }

    private static string Normalize(string text, NormalizationForm form)
    {
        try
        {
            return text.Normalize(form);
        }
        catch (ArgumentException)
        {
            return text; // lone surrogates
        }
    }
}
