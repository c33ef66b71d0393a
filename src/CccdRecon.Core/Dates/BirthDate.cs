namespace CccdRecon.Core.Dates;

/// <summary>How much of a date is known.</summary>
public enum DatePrecision
{
    Year = 0,
    Month = 1,
    Day = 2,
}

/// <summary>
/// A date of birth (ngày sinh) that may be known only to the month or the year, as the registry and the elderly's
/// forms often are. Always a valid calendar date at its precision.
/// </summary>
public readonly record struct BirthDate
{
    public BirthDate(int year, int? month = null, int? day = null)
    {
        Year = year;
        Month = month;
        Day = month is null ? null : day;
    }

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    public DatePrecision Precision => Day is not null ? DatePrecision.Day : Month is not null ? DatePrecision.Month : DatePrecision.Year;

    /// <summary>"1950-03-12", "1950-03" or "1950": the registry's form.</summary>
    public string ToIso() => Precision switch
    {
        DatePrecision.Day => $"{Year:D4}-{Month:D2}-{Day:D2}",
        DatePrecision.Month => $"{Year:D4}-{Month:D2}",
        _ => $"{Year:D4}",
    };

    public override string ToString() => ToIso();

    /// <summary>
    /// Parses every format of the interchange spec: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd,
    /// dd/mm/yy, mm/yyyy, yyyy-mm, yyyy, and words ("ngày 5 tháng 3 năm 1962", also without diacritics).
    /// Two-digit years resolve to the latest year that makes the person at least 14 on <paramref name="today"/>.
    /// Never throws.
    /// </summary>
    /// <remarks>
    /// A day-first date impossible as written but valid with day and month exchanged ("03/25/1980") is read month
    /// first and marked <see cref="DateParseResult.ReadMonthFirst"/>, so the matcher can flag it.
    /// </remarks>
    public static DateParseResult Parse(string? raw, DateOnly today) => BirthDateParser.Parse(raw, today);

    /// <summary>The calendar date, when known to the day (and a real date); otherwise null.</summary>
    public DateOnly? ToDateOnly() =>
        Day is { } day && Month is { } month && Year is >= 1 and <= 9999 && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(Year, month)
            ? new DateOnly(Year, month, day)
            : null;
}

/// <summary>The outcome of parsing a keyed date.</summary>
/// <param name="Date">The date, or null when unreadable.</param>
/// <param name="Problem">Why it is unreadable (e.g. "31/02/1980: no such day"), or null.</param>
/// <param name="Normalization">
/// The cosmetic rewrite applied, in words ("dd/mm/yyyy", "dd/mm/yy, two-digit year read as 1962", "in words"),
/// or null when the raw text was the ISO form already.
/// </param>
public readonly record struct DateParseResult(BirthDate? Date, string? Problem, string? Normalization)
{
    public bool IsReadable => Date is not null;

    /// <summary>
    /// True when the text was impossible day-first but valid month-first ("03/25/1980" read as 25 March 1980):
    /// the date is readable, but the keying swapped day and month (flag day_month_swapped).
    /// </summary>
    public bool ReadMonthFirst { get; init; }

    /// <summary>
    /// True when the year was keyed with two digits and its century inferred. Children under 14 are on the forms too,
    /// so a matcher may try the other century before calling the dates different.
    /// </summary>
    public bool TwoDigitYear { get; init; }
}
