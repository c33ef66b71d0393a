using System.Globalization;
using System.Text;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Names;

namespace CccdRecon.Cli.Generate;

/// <summary>The individual keying mistakes and renderings the damager combines.</summary>
internal static class NameDamage
{
    /// <summary>Consonants collectors confuse by ear (n/l, s/x, d/r/v) or by final sound (t/c, m/n).</summary>
    private static readonly Dictionary<char, char> InitialSlips = new() { ['l'] = 'n', ['n'] = 'l', ['s'] = 'x', ['x'] = 's', ['r'] = 'd', ['d'] = 'r', ['v'] = 'd' };
    private static readonly Dictionary<char, char> FinalSlips = new() { ['t'] = 'c', ['c'] = 't', ['m'] = 'n', ['n'] = 'm' };

    /// <summary>One letter or one tone changed in a middle or given name (never the surname: that would be another rule).</summary>
    public static string[]? Misspell(string[] name, Rng rng)
    {
        if (name.Length < 2) return null;
        var start = rng.Next(1, name.Length);
        for (var k = 0; k < name.Length - 1; k++)
        {
            var i = 1 + (start - 1 + k) % (name.Length - 1);
            var changed = rng.Chance(0.5) ? ChangeTone(name[i], rng) ?? ChangeLetter(name[i]) : ChangeLetter(name[i]) ?? ChangeTone(name[i], rng);
            if (changed is null) continue;
            var copy = (string[])name.Clone();
            copy[i] = changed;
            return copy;
        }
        return null;
    }

    private static string? ChangeTone(string syllable, Rng rng)
    {
        var decomposed = syllable.Normalize(NormalizationForm.FormD);
        var at = decomposed.IndexOfAny(ToneStyle.ToneMarks);
        if (at < 0) return null;
        var others = ToneStyle.ToneMarks.Where(t => t != decomposed[at]).ToArray();
        // Dropping the tone is as common a slip as choosing another one.
        var replaced = rng.Chance(0.3) ? decomposed.Remove(at, 1) : decomposed.Remove(at, 1).Insert(at, rng.Pick(others).ToString());
        return replaced.Normalize(NormalizationForm.FormC);
    }

    private static string? ChangeLetter(string syllable)
    {
        var first = char.ToLowerInvariant(syllable[0]);
        if (InitialSlips.TryGetValue(first, out var swap) && !(first == 'n' && syllable.Length > 1 && char.ToLowerInvariant(syllable[1]) is 'g' or 'h'))
            return char.ToUpperInvariant(swap) + syllable[1..];
        var last = syllable[^1];
        if (syllable.Length > 1 && FinalSlips.TryGetValue(last, out var final) && char.ToLowerInvariant(syllable[^2]) is not ('n' or 'c' or 'g'))
            return syllable[..^1] + final;
        return null;
    }

    /// <summary>Hoàng ↔ Huỳnh, Vũ ↔ Võ… as the registry's naming knowledge knows them, in title case.</summary>
    public static string? RegionalCounterpart(string surname)
    {
        var other = NameKnowledge.RegionalCounterpart(surname.ToLowerInvariant());
        return other is null ? null : char.ToUpperInvariant(other[0]) + other[1..];
    }

    /// <summary>Removes every diacritic but keeps letter case, as a keyboard without Vietnamese input would type it.</summary>
    public static string StripDiacritics(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (c < 0x80) { builder.Append(c); continue; }
            var folded = VietnameseText.Fold(c.ToString());
            builder.Append(char.IsUpper(c) ? folded.ToUpperInvariant() : folded);
        }
        return builder.ToString();
    }

    /// <summary>One digit of the day, month or last two year digits changed, still a real date in the past.</summary>
    public static DateOnly? DateDigitTypo(DateOnly date, DateOnly today, Rng rng)
    {
        ReadOnlySpan<int> positions = [0, 1, 2, 3, 6, 7];
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var text = date.ToString("ddMMyyyy", CultureInfo.InvariantCulture).ToCharArray();
            var at = positions[rng.Next(positions.Length)];
            var digit = (char)('0' + rng.Next(10));
            if (digit == text[at]) continue;
            text[at] = digit;
            var s = new string(text);
            if (DateOnly.TryParseExact(s, "ddMMyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var typo)
                && typo < today && typo.Year >= 1900 && !(typo.Day == date.Month && typo.Month == date.Day)
                // 1965 → 1966 with day and month kept reads as a year off by one, not a typo.
                && !(typo.Day == date.Day && typo.Month == date.Month && Math.Abs(typo.Year - date.Year) == 1))
                return typo;
        }
        return null;
    }

    public static string IdDigitTypo(string id, Rng rng)
    {
        var chars = id.ToCharArray();
        var at = rng.Next(chars.Length);
        chars[at] = (char)('0' + (chars[at] - '0' + rng.Next(1, 10)) % 10);
        return new string(chars);
    }

    public static string? IdTransposition(string id, Rng rng)
    {
        var start = rng.Next(id.Length - 1);
        for (var k = 0; k < id.Length - 1; k++)
        {
            var i = (start + k) % (id.Length - 1);
            if (id[i] == id[i + 1]) continue;
            var chars = id.ToCharArray();
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            return new string(chars);
        }
        return null;
    }

    /// <summary>"001 090 012 345", "0010.9001.2345", "123.456.789".</summary>
    public static string GroupDigits(string digits, char separator, Rng rng)
    {
        var size = digits.Length == 12 && rng.Chance(0.4) ? 4 : 3;
        return string.Join(separator, digits.Chunk(size).Select(c => new string(c)));
    }

    public static string GenderSpelling(bool male, Rng rng) => rng.Next(7) switch
    {
        0 => male ? "M" : "F",
        1 => male ? "m" : "f",
        2 => male ? "male" : "female",
        3 => male ? "Male" : "Female",
        4 => male ? "MALE" : "FEMALE",
        5 => male ? "NAM" : "NỮ",
        _ => male ? "nam" : "nữ",
    };

    /// <summary>A doubled inner space, or stray spaces at the ends.</summary>
    public static string AddSpaces(int syllables, string text, Rng rng)
    {
        if (syllables < 2 || rng.Chance(0.4)) return rng.Chance(0.5) ? $" {text}" : $"{text}  ";
        var gap = rng.Next(syllables - 1);
        var index = -1;
        for (var k = 0; k <= gap; k++) index = text.IndexOf(' ', index + 1);
        return text.Insert(index, " ");
    }

    /// <summary>Renders a date as keyed; a partial date is keyed as "1950" or "03/1950" whatever the pattern.</summary>
    public static string FormatDate(BirthDate date, string pattern, Rng rng)
    {
        if (date.Precision == DatePrecision.Year) return date.Year.ToString("D4", CultureInfo.InvariantCulture);
        if (date.Precision == DatePrecision.Month) return $"{date.Month:D2}/{date.Year:D4}";
        int d = date.Day!.Value, m = date.Month!.Value, y = date.Year;
        return pattern switch
        {
            "d/m/yyyy" => $"{d}/{m}/{y}",
            "dd-mm-yyyy" => $"{d:D2}-{m:D2}-{y}",
            "dd.mm.yyyy" => $"{d:D2}.{m:D2}.{y}",
            "yyyy-mm-dd" => $"{y}-{m:D2}-{d:D2}",
            "dd/mm/yy" => $"{d:D2}/{m:D2}/{y % 100:D2}",
            "words" => rng.Chance(0.7) ? $"ngày {d} tháng {m} năm {y}" : $"ngay {d} thang {m} nam {y}",
            _ => $"{d:D2}/{m:D2}/{y}",
        };
    }
}
