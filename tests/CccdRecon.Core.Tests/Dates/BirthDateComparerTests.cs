using System.Globalization;
using CccdRecon.Core.Dates;

namespace CccdRecon.Core.Tests.Dates;

public sealed class BirthDateComparerTests
{
    /// <summary>"1962-03-05", "1962-03" or "1962", as the registry writes them.</summary>
    private static BirthDate Iso(string iso)
    {
        var parts = iso.Split('-').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return parts.Length switch
        {
            1 => new BirthDate(parts[0]),
            2 => new BirthDate(parts[0], parts[1]),
            _ => new BirthDate(parts[0], parts[1], parts[2]),
        };
    }

    private static DateAgreement Compare(string form, string registry) => BirthDateComparer.Compare(Iso(form), Iso(registry));

    [Theory]
    [InlineData("1962-03-05", "1962-03-05")]
    [InlineData("1950-03", "1950-03")]
    [InlineData("1938", "1938")]
    public void Same_date_at_same_precision_is_equal(string form, string registry)
    {
        Assert.Equal(DateAgreement.Equal, Compare(form, registry));
    }

    [Theory]
    [InlineData("1950", "1950-03-12")]
    [InlineData("1950-03", "1950-03-12")]
    [InlineData("1950", "1950-03")]
    public void A_less_precise_but_consistent_form_agrees(string form, string registry)
    {
        Assert.Equal(DateAgreement.LessPreciseConsistent, Compare(form, registry));
    }

    [Theory]
    [InlineData("1950-03-12", "1950")]
    [InlineData("1950-03-12", "1950-03")]
    [InlineData("1950-03", "1950")]
    public void A_form_more_precise_than_a_partial_registry_date_is_registry_partial(string form, string registry)
    {
        Assert.Equal(DateAgreement.RegistryPartial, Compare(form, registry));
    }

    [Theory]
    [InlineData("1950-04", "1950-03-12")] // less precise, but another month
    [InlineData("1951", "1950-03-12")] // less precise, year one off: not a year typo at mixed precision
    [InlineData("1950-03-12", "1950-04")]
    [InlineData("1950-03-12", "1949")]
    public void A_precision_difference_that_disagrees_is_different(string form, string registry)
    {
        Assert.Equal(DateAgreement.Different, Compare(form, registry));
    }

    [Theory]
    [InlineData("1962-05-03", "1962-03-05")]
    [InlineData("1984-11-12", "1984-12-11")]
    [InlineData("1990-01-12", "1990-12-01")]
    public void Day_and_month_exchanged_is_day_month_swapped(string form, string registry)
    {
        Assert.Equal(DateAgreement.DayMonthSwapped, Compare(form, registry));
    }

    [Fact]
    public void Day_and_month_exchanged_in_another_year_is_not_a_swap()
    {
        Assert.Equal(DateAgreement.Different, Compare("1975-05-03", "1962-03-05"));
    }

    [Fact]
    public void A_month_first_keying_read_by_the_parser_then_compares_equal()
    {
        // "03/25/1980" is read as 25 March 1980 and marked; the matcher flags it from ReadMonthFirst.
        var parsed = BirthDate.Parse("03/25/1980", new DateOnly(2026, 11, 22));

        Assert.True(parsed.ReadMonthFirst);
        Assert.Equal(DateAgreement.Equal, BirthDateComparer.Compare(parsed.Date!.Value, Iso("1980-03-25")));
    }

    [Theory]
    [InlineData("1994-07-18", "1994-08-24")] // 18 tháng 7 Giáp Tuất
    [InlineData("1985-01-01", "1985-01-21")] // Tết Ất Sửu in Vietnam (China's was 20 Feb)
    [InlineData("1985-02-18", "1985-04-07")] // 18 tháng 2 nhuận: 18 of the ordinary month 2 is 9 March
    [InlineData("1977-12-15", "1978-01-23")] // 15 tháng Chạp Đinh Tỵ falls in solar 1978
    [InlineData("1978-12-15", "1978-01-23")] // the same, keyed with the solar year it fell in
    public void A_form_date_that_is_the_registry_date_in_the_lunar_calendar_is_lunar(string form, string registry)
    {
        Assert.Equal(DateAgreement.LunarDate, Compare(form, registry));
    }

    [Fact]
    public void Every_lunar_reading_from_1900_to_2199_is_recognised()
    {
        var missed = new List<string>();
        for (var day = VietnameseLunarCalendar.MinSupported; day <= VietnameseLunarCalendar.MaxSupported; day = day.AddDays(1))
        {
            var lunar = VietnameseLunarCalendar.ToLunar(day);
            if (lunar.Day > DateTime.DaysInMonth(lunar.Year, lunar.Month))
            {
                continue; // 30 tháng 2 cannot be keyed as a solar date
            }

            var registry = new BirthDate(day.Year, day.Month, day.Day);
            Check(new BirthDate(lunar.Year, lunar.Month, lunar.Day));
            if (day.Year == lunar.Year + 1)
            {
                Check(new BirthDate(day.Year, lunar.Month, lunar.Day)); // keyed with the solar year
            }

            void Check(BirthDate form)
            {
                var agreement = BirthDateComparer.Compare(form, registry);
                if (agreement is not (DateAgreement.LunarDate or DateAgreement.DayMonthSwapped))
                {
                    missed.Add($"{form} vs {registry}: {agreement}");
                }
            }
        }

        Assert.Empty(missed);
    }

    [Fact]
    public void The_ordinary_month_is_tried_before_the_leap_month()
    {
        // 18 tháng 2 (ordinary) Ất Sửu is 9 March 1985; the leap month 2 gives 7 April. Both read as lunar.
        Assert.Equal(DateAgreement.LunarDate, Compare("1985-02-18", "1985-03-09"));
        Assert.Equal(DateAgreement.LunarDate, Compare("1985-02-18", "1985-04-07"));
    }

    [Theory]
    [InlineData("1985-01-01", "1985-02-20")] // China's Tết 1985, not Vietnam's
    [InlineData("1978-11-15", "1978-01-23")] // the solar-year reading is only for months 11 and 12 of the lunar year before
    [InlineData("1994-07-18", "1995-08-13")] // a year later
    public void A_date_that_is_not_the_lunar_reading_is_not_lunar(string form, string registry)
    {
        Assert.NotEqual(DateAgreement.LunarDate, Compare(form, registry));
    }

    [Theory]
    [InlineData("1962-03-05", "1963-03-05")]
    [InlineData("1963-03-05", "1962-03-05")]
    [InlineData("1980-03-12", "1981-03-12")] // also one digit off: year off by one is the more specific reading
    [InlineData("1979-12-31", "1980-12-31")]
    [InlineData("1980", "1981")]
    [InlineData("1959", "1960")]
    [InlineData("1950-03", "1951-03")]
    public void Same_day_and_month_one_year_apart_is_year_off_by_one(string form, string registry)
    {
        Assert.Equal(DateAgreement.YearOffByOne, Compare(form, registry));
    }

    [Theory]
    [InlineData("1962-03-15", "1962-03-16")]
    [InlineData("1962-08-05", "1962-03-05")]
    [InlineData("1972-03-05", "1962-03-05")]
    [InlineData("1962-03-05", "1968-03-05")]
    public void Exactly_one_digit_different_is_one_digit_off(string form, string registry)
    {
        Assert.Equal(DateAgreement.OneDigitOff, Compare(form, registry));
    }

    [Fact]
    public void A_lunar_reading_wins_over_a_one_digit_difference()
    {
        // 15 tháng 8 Tân Mão is 15 September 1951: the keyed month differs by one digit, but the lunar reading explains it.
        Assert.Equal(DateAgreement.LunarDate, Compare("1951-08-15", "1951-09-15"));
    }

    [Fact]
    public void A_swap_wins_over_a_lunar_reading()
    {
        // 05/03/1962 vs 1962-03-05 is a swap whatever the lunar calendar says.
        Assert.Equal(DateAgreement.DayMonthSwapped, Compare("1962-05-03", "1962-03-05"));
    }

    [Theory]
    [InlineData("1962-03-05", "1975-11-20")]
    [InlineData("1962-03-15", "1962-03-26")] // two digits
    [InlineData("1962-03-05", "1971-03-05")] // two digits of the year
    [InlineData("1980", "1982")]
    [InlineData("1950-03", "1950-04")]
    [InlineData("1950-03", "1952-03")]
    public void Anything_else_is_different(string form, string registry)
    {
        Assert.Equal(DateAgreement.Different, Compare(form, registry));
    }

    [Fact]
    public void An_impossible_hand_built_date_never_throws()
    {
        Assert.Equal(DateAgreement.Different, BirthDateComparer.Compare(new BirthDate(1980, 2, 31), new BirthDate(1980, 3, 2)));
    }

    [Fact]
    public void Years_at_the_ends_of_the_int_range_never_overflow()
    {
        // Found by fuzzing: |form.Year - registry.Year| overflowed for int.MinValue.
        Assert.Equal(DateAgreement.Different, BirthDateComparer.Compare(new BirthDate(int.MinValue), new BirthDate(0)));
        Assert.Equal(DateAgreement.Different, BirthDateComparer.Compare(new BirthDate(int.MaxValue, 1, 1), new BirthDate(-1, 1, 1)));
    }

    [Fact]
    public void A_hand_built_date_in_year_one_never_throws()
    {
        // Found by fuzzing: the lunar check stepped back a year from 0001-12-01, before DateOnly.MinValue.
        Assert.Equal(DateAgreement.Different, BirthDateComparer.Compare(new BirthDate(1, 12, 1), new BirthDate(1, 12, 30)));
    }
}
