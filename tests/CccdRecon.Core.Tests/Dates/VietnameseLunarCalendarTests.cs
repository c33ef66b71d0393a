using System.Text.Json;
using CccdRecon.Core.Dates;

namespace CccdRecon.Core.Tests.Dates;

public sealed class VietnameseLunarCalendarTests
{
    private sealed record ReferencePair(DateOnly Solar, LunarDate Lunar);

    private static readonly Lazy<IReadOnlyList<ReferencePair>> ReferencePairs = new(LoadReferencePairs);

    private static IReadOnlyList<ReferencePair> LoadReferencePairs()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "lunar", "solar-lunar-cases.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var pairs = new List<ReferencePair>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var s = item.GetProperty("solar").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var l = item.GetProperty("lunar").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(7, s[3]); // every reference pair is for Vietnam's UTC+7
            pairs.Add(new ReferencePair(new DateOnly(s[2], s[1], s[0]), new LunarDate(l[0], l[1], l[2], l[3] == 1)));
        }

        return pairs;
    }

    [Fact]
    public void Reference_data_holds_all_5000_pairs_including_leap_months()
    {
        Assert.Equal(5000, ReferencePairs.Value.Count);
        Assert.Contains(ReferencePairs.Value, p => p.Lunar.IsLeapMonth);
    }

    [Fact]
    public void Every_reference_solar_date_converts_to_its_lunar_date()
    {
        var wrong = ReferencePairs.Value
            .Where(p => VietnameseLunarCalendar.ToLunar(p.Solar) != p.Lunar)
            .Select(p => $"{p.Solar:yyyy-MM-dd}: expected {p.Lunar}, got {VietnameseLunarCalendar.ToLunar(p.Solar)}")
            .ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_reference_lunar_date_converts_back_to_its_solar_date()
    {
        var wrong = ReferencePairs.Value
            .Where(p => !VietnameseLunarCalendar.TryToSolar(p.Lunar, out var solar) || solar != p.Solar)
            .Select(p => $"{p.Lunar}: expected {p.Solar:yyyy-MM-dd}")
            .ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void Tet_1985_is_21_January_in_Vietnam_not_20_February_as_in_China()
    {
        Assert.Equal(new LunarDate(1, 1, 1985, false), VietnameseLunarCalendar.ToLunar(new DateOnly(1985, 1, 21)));
        Assert.Equal(new LunarDate(30, 12, 1984, false), VietnameseLunarCalendar.ToLunar(new DateOnly(1985, 1, 20)));
        Assert.True(VietnameseLunarCalendar.TryToSolar(new LunarDate(1, 1, 1985, false), out var tet));
        Assert.Equal(new DateOnly(1985, 1, 21), tet);
        // 20 Feb 1985 (China's Tết) is already the 1st of month 2 in Vietnam.
        Assert.Equal(new LunarDate(1, 2, 1985, false), VietnameseLunarCalendar.ToLunar(new DateOnly(1985, 2, 20)));
    }

    [Theory]
    [InlineData(2023, 1, 22)]
    [InlineData(2024, 2, 10)]
    [InlineData(2000, 2, 5)]
    [InlineData(1962, 2, 5)]
    [InlineData(1900, 1, 31)]
    public void Tet_falls_on_the_known_day(int year, int month, int day)
    {
        Assert.True(VietnameseLunarCalendar.TryToSolar(new LunarDate(1, 1, year, false), out var tet));
        Assert.Equal(new DateOnly(year, month, day), tet);
    }

    [Fact]
    public void Year_2023_has_a_leap_second_month()
    {
        Assert.Equal(2, VietnameseLunarCalendar.LeapMonthOf(2023));
        // Month 2 began 20 Feb 2023, leap month 2 began 22 Mar 2023, month 3 began 20 Apr 2023.
        Assert.Equal(new LunarDate(1, 2, 2023, false), VietnameseLunarCalendar.ToLunar(new DateOnly(2023, 2, 20)));
        Assert.Equal(new LunarDate(1, 2, 2023, true), VietnameseLunarCalendar.ToLunar(new DateOnly(2023, 3, 22)));
        Assert.Equal(new LunarDate(1, 3, 2023, false), VietnameseLunarCalendar.ToLunar(new DateOnly(2023, 4, 20)));
        Assert.True(VietnameseLunarCalendar.TryToSolar(new LunarDate(15, 2, 2023, true), out var leapFifteenth));
        Assert.Equal(new DateOnly(2023, 4, 5), leapFifteenth);
    }

    [Fact]
    public void Year_2020_has_a_leap_fourth_month()
    {
        Assert.Equal(4, VietnameseLunarCalendar.LeapMonthOf(2020));
        Assert.Equal(new LunarDate(1, 4, 2020, true), VietnameseLunarCalendar.ToLunar(new DateOnly(2020, 5, 23)));
    }

    [Fact]
    public void A_year_without_a_leap_month_reports_none()
    {
        Assert.Null(VietnameseLunarCalendar.LeapMonthOf(2024));
        Assert.Null(VietnameseLunarCalendar.LeapMonthOf(1984)); // China's 1984 has a leap month 10; Vietnam's has none
    }

    [Fact]
    public void Year_1985_has_a_leap_second_month_in_Vietnam()
    {
        // The UTC+7 solstice moves month 11 of 1984, so Vietnam's leap month fell in 1985 instead.
        Assert.Equal(2, VietnameseLunarCalendar.LeapMonthOf(1985));
        Assert.Equal(new LunarDate(2, 2, 1985, true), VietnameseLunarCalendar.ToLunar(new DateOnly(1985, 3, 22)));
    }

    [Theory]
    [InlineData(2023, 3)] // 2023's leap month is 2
    [InlineData(2024, 2)] // 2024 has none
    [InlineData(2020, 2)] // 2020's leap month is 4
    public void TryToSolar_refuses_a_leap_month_the_year_lacks(int year, int month)
    {
        Assert.False(VietnameseLunarCalendar.TryToSolar(new LunarDate(10, month, year, true), out _));
    }

    [Fact]
    public void TryToSolar_refuses_day_30_of_a_29_day_month()
    {
        // Month 12 of Giáp Thìn (2024) had 29 days: Tết Ất Tỵ, 29 Jan 2025, came the day after the 29th ("no 30 Tết").
        Assert.True(VietnameseLunarCalendar.TryToSolar(new LunarDate(29, 12, 2024, false), out var eve));
        Assert.Equal(new DateOnly(2025, 1, 28), eve);
        Assert.False(VietnameseLunarCalendar.TryToSolar(new LunarDate(30, 12, 2024, false), out _));
    }

    [Theory]
    [InlineData(0, 1, 1990)]
    [InlineData(31, 1, 1990)]
    [InlineData(1, 0, 1990)]
    [InlineData(1, 13, 1990)]
    [InlineData(1, 1, 1899)]
    [InlineData(1, 1, 2200)]
    [InlineData(1, 1, -5)]
    public void TryToSolar_refuses_impossible_or_unsupported_lunar_dates(int day, int month, int year)
    {
        Assert.False(VietnameseLunarCalendar.TryToSolar(new LunarDate(day, month, year, false), out _));
    }

    [Fact]
    public void The_supported_range_ends_convert_and_outside_it_TryToLunar_is_false()
    {
        Assert.Equal(new LunarDate(1, 1, 1900, false), VietnameseLunarCalendar.ToLunar(VietnameseLunarCalendar.MinSupported));
        Assert.True(VietnameseLunarCalendar.TryToLunar(VietnameseLunarCalendar.MaxSupported, out var last));
        Assert.True(VietnameseLunarCalendar.TryToSolar(last, out var back));
        Assert.Equal(VietnameseLunarCalendar.MaxSupported, back);

        Assert.False(VietnameseLunarCalendar.TryToLunar(new DateOnly(1900, 1, 30), out _));
        Assert.False(VietnameseLunarCalendar.TryToLunar(new DateOnly(2200, 1, 1), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToLunar(new DateOnly(1800, 6, 1)));
    }

    [Fact]
    public void Every_day_of_the_supported_range_round_trips_and_counts_up_one_day_at_a_time()
    {
        var previous = VietnameseLunarCalendar.ToLunar(VietnameseLunarCalendar.MinSupported);
        for (var day = VietnameseLunarCalendar.MinSupported.AddDays(1); day <= VietnameseLunarCalendar.MaxSupported; day = day.AddDays(1))
        {
            var lunar = VietnameseLunarCalendar.ToLunar(day);
            bool nextDay = lunar.Day == previous.Day + 1 && lunar.Month == previous.Month && lunar.Year == previous.Year && lunar.IsLeapMonth == previous.IsLeapMonth;
            bool newMonth = lunar.Day == 1 && previous.Day is 29 or 30;
            Assert.True(nextDay || newMonth, $"{day:yyyy-MM-dd}: {previous} then {lunar}");
            Assert.True(VietnameseLunarCalendar.TryToSolar(lunar, out var back) && back == day, $"{day:yyyy-MM-dd} did not round-trip");
            previous = lunar;
        }
    }

    [Fact]
    public void Conversions_from_many_threads_agree_with_sequential_ones()
    {
        var days = Enumerable.Range(0, 4000).Select(i => new DateOnly(1950, 1, 1).AddDays(i * 13)).ToArray();
        var parallel = new LunarDate[days.Length];
        Parallel.For(0, days.Length, i => parallel[i] = VietnameseLunarCalendar.ToLunar(days[i]));
        Assert.Equal(days.Select(VietnameseLunarCalendar.ToLunar), parallel);
    }
}
