namespace CccdRecon.Core.Dates;

/// <summary>A date in the Vietnamese lunar calendar (âm lịch).</summary>
/// <param name="Day">1..30</param>
/// <param name="Month">1..12</param>
/// <param name="Year">the lunar year, numbered as the solar year in which it mostly falls</param>
/// <param name="IsLeapMonth">true in a leap month (tháng nhuận)</param>
public readonly record struct LunarDate(int Day, int Month, int Year, bool IsLeapMonth);

/// <summary>
/// Vietnamese lunisolar calendar computed from astronomical new moons and solar terms at 105°E (UTC+7).
/// Not .NET's ChineseLunisolarCalendar, which uses UTC+8 and differs in years such as 1985.
/// </summary>
/// <remarks>
/// Rules: a month starts on the local day of a new moon; month 11 is the month containing the winter solstice;
/// when 13 months lie between two months 11, the first of them (after month 11) without a major solar term is the
/// leap month and repeats the number of the month before it. Month starts are computed once per "winter year"
/// (month 11 to the next month 11) and cached, so conversions after the first in a year are a table lookup.
/// </remarks>
public static class VietnameseLunarCalendar
{
    /// <summary>Supported solar range.</summary>
    public static readonly DateOnly MinSupported = new(1900, 1, 31);
    public static readonly DateOnly MaxSupported = new(2199, 12, 31);

    // Winter year Y runs from month 11 of lunar year Y-1 to the month 11 of lunar year Y (exclusive).
    // 1900 holds Tết 1900 (MinSupported); 2200 holds the last days of 2199.
    private const int FirstWinterYear = 1900;
    private const int LastWinterYear = 2200;
    private static readonly WinterYear?[] Cache = new WinterYear?[LastWinterYear - FirstWinterYear + 1];

    /// <summary>Converts a solar date; throws <see cref="ArgumentOutOfRangeException"/> outside the supported range (see <see cref="TryToLunar"/>).</summary>
    public static LunarDate ToLunar(DateOnly solar) => TryToLunar(solar, out var lunar)
        ? lunar
        : throw new ArgumentOutOfRangeException(nameof(solar), "The date is outside the supported range 1900-01-31..2199-12-31.");

    /// <summary>Converts a solar date; false outside <see cref="MinSupported"/>..<see cref="MaxSupported"/>.</summary>
    public static bool TryToLunar(DateOnly solar, out LunarDate lunar)
    {
        lunar = default;
        if (solar < MinSupported || solar > MaxSupported)
        {
            return false;
        }

        int day = LunarAstronomy.DayNumber(solar);
        var winter = GetWinterYear(solar.Year);
        if (day >= winter.End)
        {
            winter = GetWinterYear(solar.Year + 1);
        }

        int offset = winter.MonthCount - 1;
        while (winter.Starts[offset] > day)
        {
            offset--;
        }

        int month = winter.Labels[offset];
        int year = month >= 11 ? winter.Year - 1 : winter.Year;
        lunar = new LunarDate(day - winter.Starts[offset] + 1, month, year, offset == winter.LeapOffset);
        return true;
    }

    /// <summary>Converts a lunar date to solar; false when no such lunar date exists (e.g. a leap month that year lacks).</summary>
    public static bool TryToSolar(LunarDate lunar, out DateOnly solar)
    {
        solar = default;
        if (lunar.Month is < 1 or > 12 || lunar.Day is < 1 or > 30)
        {
            return false;
        }

        // Months 11 and 12 of lunar year Y lie in winter year Y+1.
        int winterYear = lunar.Month >= 11 ? lunar.Year + 1 : lunar.Year;
        if (winterYear is < FirstWinterYear or > LastWinterYear)
        {
            return false;
        }

        var winter = GetWinterYear(winterYear);
        int offset = winter.OffsetOf(lunar.Month, lunar.IsLeapMonth);
        if (offset < 0 || lunar.Day > winter.Starts[offset + 1] - winter.Starts[offset])
        {
            return false;
        }

        var result = LunarAstronomy.ToDate(winter.Starts[offset] + lunar.Day - 1);
        if (result < MinSupported || result > MaxSupported)
        {
            return false;
        }

        solar = result;
        return true;
    }

    /// <summary>The leap month (tháng nhuận) of lunar year <paramref name="lunarYear"/>, or null when it has none.</summary>
    public static int? LeapMonthOf(int lunarYear)
    {
        if (lunarYear is < FirstWinterYear or > LastWinterYear - 1)
        {
            return null;
        }

        // A leap 11 or 12 belongs to this lunar year but lies in the next winter year.
        var winter = GetWinterYear(lunarYear);
        if (winter.LeapOffset >= 0 && winter.Labels[winter.LeapOffset] <= 10)
        {
            return winter.Labels[winter.LeapOffset];
        }

        var next = GetWinterYear(lunarYear + 1);
        return next.LeapOffset >= 0 && next.Labels[next.LeapOffset] >= 11 ? next.Labels[next.LeapOffset] : null;
    }

    private static WinterYear GetWinterYear(int year)
    {
        ref var slot = ref Cache[year - FirstWinterYear];
        var cached = Volatile.Read(ref slot);
        if (cached is not null)
        {
            return cached;
        }

        // Racing threads compute the same immutable table; the first one published wins.
        var built = WinterYear.Compute(year);
        return Interlocked.CompareExchange(ref slot, built, null) ?? built;
    }

    /// <summary>The lunar months from month 11 of the previous lunar year up to the next month 11.</summary>
    private sealed class WinterYear
    {
        private WinterYear(int year, int[] starts, byte[] labels, int leapOffset)
        {
            Year = year;
            Starts = starts;
            Labels = labels;
            LeapOffset = leapOffset;
        }

        public int Year { get; }

        /// <summary>Day numbers of each month's first day, and as the last element the next month 11's first day.</summary>
        public int[] Starts { get; }

        /// <summary>Month number of each month (11, 12, 1, ..., 10, with the leap month repeating its predecessor).</summary>
        public byte[] Labels { get; }

        /// <summary>Index of the leap month in <see cref="Starts"/>, or -1.</summary>
        public int LeapOffset { get; }

        public int MonthCount => Labels.Length;

        public int End => Starts[^1];

        public int OffsetOf(int month, bool leap)
        {
            for (int i = 0; i < Labels.Length; i++)
            {
                if (Labels[i] == month && (i == LeapOffset) == leap)
                {
                    return i;
                }
            }

            return -1;
        }

        public static WinterYear Compute(int year)
        {
            int first = MonthElevenIndex(year - 1);
            int next = MonthElevenIndex(year);
            int count = next - first; // 12, or 13 in a leap year
            var starts = new int[count + 1];
            for (int i = 0; i <= count; i++)
            {
                starts[i] = LunarAstronomy.NewMoonDay(first + i);
            }

            int leap = count == 13 ? FirstMonthWithoutMajorTerm(starts) : -1;
            var labels = new byte[count];
            for (int i = 0; i < count; i++)
            {
                int ordinal = leap >= 0 && i >= leap ? i - 1 : i; // months since month 11, not counting the leap month
                labels[i] = (byte)((ordinal + 10) % 12 + 1);
            }

            return new WinterYear(year, starts, labels, leap);
        }

        /// <summary>Index of the new moon starting month 11 of lunar year <paramref name="year"/> (the one holding the December solstice).</summary>
        private static int MonthElevenIndex(int year)
        {
            int k = LunarAstronomy.NewMoonIndexNear(LunarAstronomy.DayNumber(new DateOnly(year, 12, 31)));
            // A month starting after the solstice (Sun past 270°) is month 12; month 11 is the one before.
            return LunarAstronomy.SunSectorAtStartOf(LunarAstronomy.NewMoonDay(k)) >= 9 ? k - 1 : k;
        }

        private static int FirstMonthWithoutMajorTerm(int[] starts)
        {
            // A month holds no major term when the Sun is in the same 30° sector at its start and at the next month's start.
            int sector = LunarAstronomy.SunSectorAtStartOf(starts[1]);
            for (int i = 1; i < starts.Length - 1; i++)
            {
                int nextSector = LunarAstronomy.SunSectorAtStartOf(starts[i + 1]);
                if (nextSector == sector)
                {
                    return i;
                }

                sector = nextSector;
            }

            return starts.Length - 2; // not reached for real astronomy; keeps the table well-formed
        }
    }
}
