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
public static class VietnameseLunarCalendar
{
    /// <summary>Supported solar range.</summary>
    public static readonly DateOnly MinSupported = new(1900, 1, 31);
    public static readonly DateOnly MaxSupported = new(2199, 12, 31);

    public static LunarDate ToLunar(DateOnly solar) => throw new NotImplementedException();

    /// <summary>Converts a lunar date to solar; false when no such lunar date exists (e.g. a leap month that year lacks).</summary>
    public static bool TryToSolar(LunarDate lunar, out DateOnly solar) => throw new NotImplementedException();
}
