namespace CccdRecon.Core.Dates;

/// <summary>
/// How a form's date relates to a registry's date, from most to least alike. <see cref="BirthDateComparer.Compare"/>
/// checks <see cref="YearOffByOne"/> before <see cref="OneDigitOff"/>.
/// </summary>
public enum DateAgreement
{
    /// <summary>Same date at the same precision.</summary>
    Equal = 0,
    /// <summary>The form is less precise but consistent (form 1950 or 03/1950, registry 1950-03-12). Not flagged.</summary>
    LessPreciseConsistent = 1,
    /// <summary>The form is more precise than a partial registry date and consistent with it. Flagged registry_partial.</summary>
    RegistryPartial = 2,
    /// <summary>Both known to the day, same year: the form's day and month are the registry's month and day.</summary>
    DayMonthSwapped = 3,
    /// <summary>The form, read as a Vietnamese lunar date, is the registry's solar date.</summary>
    LunarDate = 4,
    /// <summary>Both known to the day, exactly one digit differs in the ddmmyyyy rendering.</summary>
    OneDigitOff = 5,
    /// <summary>Same precision, same day and month (or both known only to the year), year one off.</summary>
    YearOffByOne = 6,
    /// <summary>A different date.</summary>
    Different = 7,
}

/// <summary>Compares dates of birth and names how they differ.</summary>
public static class BirthDateComparer
{
    /// <summary>Compares a form date with a registry date.</summary>
    /// <remarks>
    /// The checks run in this order and the first that holds wins:
    /// <list type="number">
    /// <item><see cref="DateAgreement.Equal"/>: same date, same precision.</item>
    /// <item><see cref="DateAgreement.LessPreciseConsistent"/>: the form knows less (1950, 03/1950) and agrees.</item>
    /// <item><see cref="DateAgreement.RegistryPartial"/>: the form knows more than the registry and agrees.</item>
    /// <item><see cref="DateAgreement.DayMonthSwapped"/>: both to the day, same year, day and month exchanged (and different).</item>
    /// <item><see cref="DateAgreement.LunarDate"/>: the form's day/month/year is the registry's date in the lunar calendar.</item>
    /// <item><see cref="DateAgreement.YearOffByOne"/>: same precision, same day and month, years one apart.</item>
    /// <item><see cref="DateAgreement.OneDigitOff"/>: both to the day, one digit differs in ddmmyyyy.</item>
    /// <item><see cref="DateAgreement.Different"/>.</item>
    /// </list>
    /// Year-off-by-one comes before one-digit-off (12/03/1980 against 1981-03-12 is both) because it is the more specific
    /// explanation; the enum's numbering is the public contract and does not follow this order.
    /// </remarks>
    public static DateAgreement Compare(BirthDate form, BirthDate registry)
    {
        if (form == registry)
        {
            return DateAgreement.Equal;
        }

        if (form.Precision < registry.Precision && Truncate(registry, form.Precision) == form)
        {
            return DateAgreement.LessPreciseConsistent;
        }

        if (form.Precision > registry.Precision && Truncate(form, registry.Precision) == registry)
        {
            return DateAgreement.RegistryPartial;
        }

        bool sameDayAndMonth = form.Month == registry.Month && form.Day == registry.Day;
        bool yearOffByOne = form.Precision == registry.Precision && sameDayAndMonth && (long)form.Year - registry.Year is 1 or -1;
        if (form.Precision != DatePrecision.Day || registry.Precision != DatePrecision.Day)
        {
            return yearOffByOne ? DateAgreement.YearOffByOne : DateAgreement.Different;
        }

        if (form.Year == registry.Year && form.Day == registry.Month && form.Month == registry.Day && form.Day != form.Month)
        {
            return DateAgreement.DayMonthSwapped;
        }

        if (IsLunarReadingOf(form, registry))
        {
            return DateAgreement.LunarDate;
        }

        if (yearOffByOne)
        {
            return DateAgreement.YearOffByOne;
        }

        return DifferingDigits(form, registry) == 1 ? DateAgreement.OneDigitOff : DateAgreement.Different;
    }

    /// <summary>
    /// True when the form's day, month and year, read as a Vietnamese lunar date (ordinary month first, then leap
    /// month), fall on the registry's solar date. The year is read first as the lunar year; for months 11 and 12,
    /// which fall in the next solar year, also as the solar year the lunar date fell in (15/12/1962 for 15 tháng Chạp
    /// Tân Sửu, 19 January 1962).
    /// </summary>
    internal static bool IsLunarReadingOf(BirthDate form, BirthDate registry)
    {
        // Either reading falls 14 to 62 days after a written date of the form's year (or of the year before, for a
        // registry date in the form's year): a registry year other than the form's or the next one is never a lunar
        // reading, and most pairs are told so here without building either date.
        if ((long)registry.Year - form.Year is not (0 or 1))
        {
            return false;
        }

        // 14 to 62 days after a written date lies 0 to 3 calendar months on (from the 1st, the 15th of the same month at
        // the least; from the 31st, 62 days on through months of at least 28 and 31 days, the 3rd of the third month on
        // at the most). Counted from the form's month and year: 0 to 3, or, for the written date of the year before,
        // −12 to −9. Most pairs of one year are told so here without building either date. Both dates are to the day
        // here (Compare), so both months are known.
        var monthsOn = (registry.Year - form.Year) * 12 + registry.Month!.Value - form.Month!.Value;
        if (monthsOn is not (>= 0 and <= 3) and not (>= -12 and <= -9))
        {
            return false;
        }

        if (form.ToDateOnly() is not { } written || registry.ToDateOnly() is not { } solar)
        {
            return false;
        }

        int day = form.Day!.Value, month = form.Month!.Value;

        // Over 1900-2199 a lunar date falls 18 to 55 days after the same day and month of the solar calendar
        // (leap months included): skip the conversion for anything further apart, which is nearly every pair.
        if (CouldBeLunar(written, solar) && FallsOn(day, month, form.Year, solar))
        {
            return true;
        }

        return month >= 11 && solar.Year == form.Year && form.Year > 1 && CouldBeLunar(written.AddYears(-1), solar)
            && FallsOn(day, month, form.Year - 1, solar);

        static bool CouldBeLunar(DateOnly written, DateOnly solar) => solar.DayNumber - written.DayNumber is >= 14 and <= 62;
    }

    private static bool FallsOn(int day, int month, int lunarYear, DateOnly solar) =>
        (VietnameseLunarCalendar.TryToSolar(new LunarDate(day, month, lunarYear, false), out var ordinary) && ordinary == solar)
        || (VietnameseLunarCalendar.TryToSolar(new LunarDate(day, month, lunarYear, true), out var leap) && leap == solar);

    private static BirthDate Truncate(BirthDate date, DatePrecision precision) => precision switch
    {
        DatePrecision.Year => new BirthDate(date.Year),
        DatePrecision.Month => new BirthDate(date.Year, date.Month),
        _ => date,
    };

    /// <summary>How many of the eight digits of the ddmmyyyy renderings differ.</summary>
    private static int DifferingDigits(BirthDate a, BirthDate b) =>
        DifferingDigits(a.Day!.Value, a.Month!.Value, a.Year, b.Day!.Value, b.Month!.Value, b.Year);

    /// <summary>The same on the days, months and years as numbers (for comparisons that keep dates packed).</summary>
    internal static int DifferingDigits(int dayA, int monthA, int yearA, int dayB, int monthB, int yearB)
    {
        int differing = Count(dayA, dayB, 2) + Count(monthA, monthB, 2) + Count(yearA, yearB, 4);
        return differing;
    }

    /// <summary>
    /// Whether <see cref="DifferingDigits(int, int, int, int, int, int)"/> is 2 or more, counted as it counts, stopping
    /// once the answer is known: the day's and month's digits first, the year's only when those leave it open (and not
    /// at all for equal years, whose digits are all equal) — a form's candidates of its own year mostly differ in both.
    /// </summary>
    internal static bool TwoOrMoreDigitsDiffer(int dayA, int monthA, int yearA, int dayB, int monthB, int yearB)
    {
        var differing = Count(dayA, dayB, 2) + Count(monthA, monthB, 2);
        if (differing >= 2) return true;
        if (yearA == yearB) return false;
        return differing + Count(yearA, yearB, 4) >= 2;
    }

    /// <summary>How many of the last <paramref name="digits"/> decimal digits of the two numbers differ.</summary>
    private static int Count(int x, int y, int digits)
    {
        int count = 0;
        for (int i = 0; i < digits; i++, x /= 10, y /= 10)
        {
            count += x % 10 != y % 10 ? 1 : 0;
        }

        return count;
    }
}
