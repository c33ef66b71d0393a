using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Dates;

/// <summary>
/// Reads keyed dates of birth. Numeric forms (the vast majority of 2.6 million forms) are read by a hand-written
/// scanner without regex or allocation; only dates in words go through Unicode normalization.
/// </summary>
internal static class BirthDateParser
{
    /// <summary>Earliest plausible year of birth for a living person in the registry.</summary>
    public const int EarliestYear = 1880;

    /// <summary>Age at which a citizen is issued an ID card: two-digit years never make anyone younger.</summary>
    public const int CardAge = 14;

    private const int MaxLength = 64;

    private const string NotADate = "not a date: expected dd/mm/yyyy, yyyy-mm-dd, mm/yyyy, yyyy or \"ngày 5 tháng 3 năm 1962\"";

    // Descriptions of numeric layouts ("dd/mm/yyyy"), built once per layout: a batch sees only a handful.
    private static readonly ConcurrentDictionary<int, string> LayoutNames = new();

    public static DateParseResult Parse(string? raw, DateOnly today)
    {
        if (raw is null)
        {
            return Unreadable("empty");
        }

        var text = raw.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return Unreadable("empty");
        }

        if (text.Length > MaxLength)
        {
            return Unreadable($"too long to be a date ({text.Length} characters)");
        }

        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                return Unreadable("contains control characters");
            }

            if (char.IsSurrogate(c) || c is '\uFFFD' or '\uFFFE' or '\uFFFF')
            {
                return Unreadable(NotADate); // also keeps ill-formed UTF-16 away from Unicode normalization
            }
        }

        bool padded = text.Length != raw.Length;
        return NumericDate.TryScan(text, out var numeric, out var scanProblem)
            ? ReadNumeric(numeric, padded, today)
            : scanProblem is not null ? Unreadable(scanProblem) : ReadWords(text, today);
    }

    private static DateParseResult ReadNumeric(in NumericDate n, bool padded, DateOnly today)
    {
        int year;
        int? month = null, day = null;
        bool dayFirst = false;
        bool twoDigitYear = false;

        switch (n.Count)
        {
            case 1 when n.Length0 == 4:
                year = n.Value0;
                break;
            case 2 when n.Length0 == 4 && n.Length1 <= 2:
                (year, month) = (n.Value0, n.Value1);
                break;
            case 2 when n.Length0 <= 2 && n.Length1 == 4:
                (month, year) = (n.Value0, n.Value1);
                break;
            case 3 when n.Length0 == 4 && n.Length1 <= 2 && n.Length2 <= 2:
                (year, month, day) = (n.Value0, n.Value1, n.Value2);
                break;
            case 3 when n.Length0 <= 2 && n.Length1 <= 2 && n.Length2 is 4 or 2:
                (day, month, year) = (n.Value0, n.Value1, n.Value2);
                dayFirst = true;
                twoDigitYear = n.Length2 == 2;
                break;
            default:
                return Unreadable("the year must have four digits (two only after day and month, as in dd/mm/yy)");
        }

        if (twoDigitYear)
        {
            year = ResolveTwoDigitYear(year, today);
        }

        if (!TryValidate(year, month, day, dayFirst, today, out var date, out bool monthFirst, out var problem))
        {
            return Unreadable(problem);
        }

        string? normalization = DescribeNumeric(n, monthFirst, twoDigitYear ? year : null, padded || n.ExtraSpaces);
        return new DateParseResult(date, null, normalization) { ReadMonthFirst = monthFirst, TwoDigitYear = twoDigitYear };
    }

    /// <summary>The latest year ending in <paramref name="twoDigits"/> that makes the person at least 14 this year.</summary>
    public static int ResolveTwoDigitYear(int twoDigits, DateOnly today)
    {
        int latest = today.Year - CardAge;
        return latest - (((latest - twoDigits) % 100) + 100) % 100;
    }

    /// <summary>
    /// Checks the date is real, not before 1880 and not in the future. A day-first date whose month is impossible
    /// but whose day is a valid month is read month first (<paramref name="monthFirst"/>).
    /// </summary>
    private static bool TryValidate(
        int year, int? month, int? day, bool dayFirst, DateOnly today,
        out BirthDate date, out bool monthFirst, out string problem)
    {
        date = default;
        monthFirst = false;
        problem = "";

        if (year < EarliestYear)
        {
            problem = $"year before {EarliestYear}";
            return false;
        }

        if (year > today.Year)
        {
            problem = "year in the future";
            return false;
        }

        if (month is { } m && m is < 1 or > 12)
        {
            if (dayFirst && day is { } d && d is >= 1 and <= 12 && m >= 1 && m <= DateTime.DaysInMonth(year, d))
            {
                (month, day) = (d, m);
                monthFirst = true;
            }
            else
            {
                problem = m == 0 ? "month 0 does not exist" : $"month {m} does not exist";
                return false;
            }
        }

        if (day is { } dd)
        {
            int length = DateTime.DaysInMonth(year, month!.Value);
            if (dd < 1 || dd > length)
            {
                problem = dd == 0 ? "day 0 does not exist" : $"no such day: day {dd} in a month of {length} days";
                return false;
            }
        }

        date = new BirthDate(year, month, day);
        bool future = day is not null
            ? new DateOnly(year, month!.Value, day.Value) > today
            : month is { } mm && year == today.Year && mm > today.Month;
        if (future)
        {
            problem = "date in the future";
            return false;
        }

        return true;
    }

    private static string? DescribeNumeric(in NumericDate n, bool monthFirst, int? twoDigitYear, bool spaces)
    {
        bool iso = n.Count switch
        {
            1 => true,
            2 => n.Length0 == 4 && n.Length1 == 2 && n.Separator1 == '-',
            _ => n.Length0 == 4 && n.Length1 == 2 && n.Length2 == 2 && n.Separator1 == '-' && n.Separator2 == '-',
        };
        if (iso && !spaces)
        {
            return null;
        }

        string layout = LayoutNames.GetOrAdd(n.LayoutKey(monthFirst), static (_, state) => state.n.LayoutName(state.monthFirst), (n, monthFirst));
        if (twoDigitYear is { } y)
        {
            layout += string.Create(CultureInfo.InvariantCulture, $", two-digit year read as {y}");
        }

        return spaces ? layout + ", extra spaces removed" : layout;
    }

    /// <summary>
    /// "ngày 5 tháng 3 năm 1962", "ngay 05 thang 03 nam 1962", "ngày mùng 5 tháng 3 năm 1962", "tháng 3 năm 1962",
    /// "năm 1962": any case, NFC or NFD, with or without diacritics, commas and extra spaces.
    /// </summary>
    private static DateParseResult ReadWords(ReadOnlySpan<char> text, DateOnly today)
    {
        var words = FoldToWords(text);
        int i = 0;
        int? day = null, month = null, year = null;
        bool twoDigitYear = false;

        if (At(words, i, "ngay"))
        {
            i++;
            if (At(words, i, "mung") || At(words, i, "mong"))
            {
                i++;
            }

            if (!TryNumber(words, i, 2, out int d))
            {
                return Unreadable("\"ngày\" must be followed by the day number");
            }

            day = d;
            i++;
        }
        else if (TryNumber(words, i, 2, out int d) && At(words, i + 1, "thang"))
        {
            day = d;
            i++;
        }

        if (At(words, i, "thang"))
        {
            if (!TryNumber(words, i + 1, 2, out int m))
            {
                return Unreadable("\"tháng\" must be followed by the month number");
            }

            month = m;
            i += 2;
        }
        else if (day is not null)
        {
            return Unreadable("a day without a month");
        }

        if (At(words, i, "nam"))
        {
            if (TryNumber(words, i + 1, 4, out int y) && words[i + 1].Length is 4 or 2)
            {
                twoDigitYear = words[i + 1].Length == 2;
                year = twoDigitYear ? ResolveTwoDigitYear(y, today) : y;
                i += 2;
            }
            else
            {
                return Unreadable("\"năm\" must be followed by a four-digit year");
            }
        }

        if (year is null && month is not null && i == words.Count)
        {
            return Unreadable("a date in words needs \"năm\" and the year at the end");
        }

        if (year is null || i != words.Count)
        {
            return Unreadable(NotADate);
        }

        if (!TryValidate(year.Value, month, day, dayFirst: false, today, out var date, out _, out var problem))
        {
            return Unreadable(problem);
        }

        string normalization = twoDigitYear
            ? string.Create(CultureInfo.InvariantCulture, $"in words, two-digit year read as {year}")
            : "in words";
        return new DateParseResult(date, null, normalization) { TwoDigitYear = twoDigitYear };
    }

    /// <summary>Lower-case ASCII words with diacritics removed (đ → d); anything else separates words.</summary>
    private static List<string> FoldToWords(ReadOnlySpan<char> text)
    {
        string decomposed = text.ToString().Normalize(NormalizationForm.FormD);
        var words = new List<string>(6);
        var word = new StringBuilder(8);
        foreach (char raw in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            char c = raw is 'đ' or 'Đ' ? 'd' : LetterCase.ToLower(raw);
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                // A letter right after a digit (or the reverse) starts a new word: "5tháng3".
                if (word.Length > 0 && char.IsAsciiDigit(word[^1]) != char.IsAsciiDigit(c))
                {
                    words.Add(word.ToString());
                    word.Clear();
                }

                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }

            if (!char.IsAsciiLetter(c) && !char.IsAsciiDigit(c) && !char.IsWhiteSpace(c) && c is not (',' or '.'))
            {
                words.Add("\0"); // an unexpected symbol: keeps the grammar from accepting it
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static bool At(List<string> words, int index, string keyword) => index < words.Count && words[index] == keyword;

    private static bool TryNumber(List<string> words, int index, int maxDigits, out int value)
    {
        value = 0;
        if (index >= words.Count || words[index].Length > maxDigits || !char.IsAsciiDigit(words[index][0]))
        {
            return false;
        }

        foreach (char c in words[index])
        {
            value = value * 10 + (c - '0');
        }

        return true;
    }

    private static DateParseResult Unreadable(string problem) => new(null, problem, null);

    /// <summary>Up to three digit groups and the separators between them, scanned without allocating.</summary>
    private readonly record struct NumericDate(
        int Count, int Value0, int Length0, int Value1, int Length1, int Value2, int Length2,
        char Separator1, char Separator2, bool ExtraSpaces)
    {
        /// <summary>
        /// True when the text is digits and separators only. False with a problem when it looks numeric but is
        /// malformed; false without a problem when it holds letters (a date in words, or not a date).
        /// </summary>
        public static bool TryScan(ReadOnlySpan<char> text, out NumericDate date, out string? problem)
        {
            date = default;
            problem = null;
            Span<int> values = stackalloc int[3];
            Span<int> lengths = stackalloc int[3];
            Span<char> separators = stackalloc char[2];
            int count = 0;
            char separator = '\0';
            bool spaceSinceGroup = false;
            bool extraSpaces = false;

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsAsciiDigit(c))
                {
                    bool startsGroup = i == 0 || !char.IsAsciiDigit(text[i - 1]);
                    if (startsGroup)
                    {
                        if (count > 0)
                        {
                            if (count == 3)
                            {
                                problem = "too many numbers for a date";
                                return false;
                            }

                            separators[count - 1] = separator == '\0' ? ' ' : separator;
                            extraSpaces |= spaceSinceGroup && separator != '\0';
                        }

                        count++;
                        separator = '\0';
                        spaceSinceGroup = false;
                    }

                    ref int length = ref lengths[count - 1];
                    if (++length > 4)
                    {
                        return TooManyDigits(text, out problem);
                    }

                    values[count - 1] = values[count - 1] * 10 + (c - '0');
                }
                else if (c is '/' or '-' or '.')
                {
                    if (count == 0 || separator != '\0')
                    {
                        problem = "misplaced separator";
                        return false;
                    }

                    separator = c;
                }
                else if (char.IsWhiteSpace(c))
                {
                    spaceSinceGroup = true;
                }
                else
                {
                    return false; // letters: maybe a date in words
                }
            }

            if (separator != '\0')
            {
                problem = "misplaced separator";
                return false;
            }

            date = new NumericDate(
                count, values[0], lengths[0], values[1], lengths[1], values[2], lengths[2],
                count > 1 ? separators[0] : '\0', count > 2 ? separators[1] : '\0', extraSpaces);
            return true;
        }

        private static bool TooManyDigits(ReadOnlySpan<char> text, out string? problem)
        {
            // A long run of digits is only a number if nothing but digits and separators follows.
            foreach (char c in text)
            {
                if (!char.IsAsciiDigit(c) && c is not ('/' or '-' or '.') && !char.IsWhiteSpace(c))
                {
                    problem = null;
                    return false;
                }
            }

            problem = "digits without separators: day, month and year cannot be told apart";
            return false;
        }

        /// <summary>Identifies the layout: group lengths, separators and reading order.</summary>
        public int LayoutKey(bool monthFirst) =>
            Count | Length0 << 2 | Length1 << 5 | Length2 << 8 | Separator1 << 11 | Separator2 << 18 | (monthFirst ? 1 << 25 : 0);

        /// <summary>"dd/mm/yyyy", "d.m.yyyy", "mm/yyyy", "yyyy-m", "mm/dd/yyyy (month first)"... as the collector keyed it.</summary>
        public string LayoutName(bool monthFirst) => Count switch
        {
            1 => "yyyy",
            2 when Length0 == 4 => $"yyyy{Separator1}{Letters('m', Length1)}",
            2 => $"{Letters('m', Length0)}{Separator1}yyyy",
            _ when Length0 == 4 => $"yyyy{Separator1}{Letters('m', Length1)}{Separator2}{Letters('d', Length2)}",
            _ when monthFirst => $"{Letters('m', Length0)}{Separator1}{Letters('d', Length1)}{Separator2}{Letters('y', Length2)} (month first)",
            _ => $"{Letters('d', Length0)}{Separator1}{Letters('m', Length1)}{Separator2}{Letters('y', Length2)}",
        };

        private static string Letters(char letter, int count) => letter == 'y' ? new string('y', count) : count == 1 ? letter.ToString() : new string(letter, 2);
    }
}
