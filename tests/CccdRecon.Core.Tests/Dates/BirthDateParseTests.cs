using System.Text;
using CccdRecon.Core.Dates;

namespace CccdRecon.Core.Tests.Dates;

public sealed class BirthDateParseTests
{
    /// <summary>A fixed "today" so two-digit years and "in the future" do not drift with the clock.</summary>
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("12/03/1962", "1962-03-12", "dd/mm/yyyy")]
    [InlineData("5/3/1962", "1962-03-05", "d/m/yyyy")]
    [InlineData("5/03/1962", "1962-03-05", "d/mm/yyyy")]
    [InlineData("27-11-1984", "1984-11-27", "dd-mm-yyyy")]
    [InlineData("08.09.1975", "1975-09-08", "dd.mm.yyyy")]
    [InlineData("1991-07-30", "1991-07-30", null)]
    [InlineData("1991-7-30", "1991-07-30", "yyyy-m-dd")]
    [InlineData("1950-03", "1950-03", null)]
    [InlineData("1950/03", "1950-03", "yyyy/mm")]
    [InlineData("03/1950", "1950-03", "mm/yyyy")]
    [InlineData("3/1950", "1950-03", "m/yyyy")]
    [InlineData("1938", "1938", null)]
    [InlineData("15/06/01", "2001-06-15", "dd/mm/yy, two-digit year read as 2001")]
    [InlineData("29/02/1980", "1980-02-29", "dd/mm/yyyy")]
    [InlineData("12 03 1962", "1962-03-12", "dd mm yyyy")]
    public void Reads_every_numeric_format_of_the_spec(string raw, string iso, string? normalization)
    {
        var result = BirthDate.Parse(raw, Today);

        Assert.True(result.IsReadable, result.Problem);
        Assert.Equal(iso, result.Date!.Value.ToIso());
        Assert.Null(result.Problem);
        Assert.Equal(normalization, result.Normalization);
        Assert.False(result.ReadMonthFirst);
    }

    [Theory]
    [InlineData(" 12/03/1962 ", "dd/mm/yyyy, extra spaces removed")]
    [InlineData("12 / 03 / 1962", "dd/mm/yyyy, extra spaces removed")]
    [InlineData("\t1962-03-12\r\n", "yyyy-mm-dd, extra spaces removed")]
    [InlineData("12-03-1962\u00A0", "dd-mm-yyyy, extra spaces removed")]
    public void Extra_spaces_around_a_date_are_cosmetic(string raw, string normalization)
    {
        var result = BirthDate.Parse(raw, Today);

        Assert.Equal("1962-03-12", result.Date?.ToIso());
        Assert.Equal(normalization, result.Normalization);
    }

    [Theory]
    [InlineData("ngày 5 tháng 3 năm 1962", "1962-03-05")]
    [InlineData("ngay 5 thang 3 nam 1962", "1962-03-05")]
    [InlineData("NGÀY 05 THÁNG 03 NĂM 1962", "1962-03-05")]
    [InlineData("Ngày 5, tháng 3, năm 1962", "1962-03-05")]
    [InlineData("  ngày   5  tháng 3    năm 1962 ", "1962-03-05")]
    [InlineData("ngày mùng 5 tháng 3 năm 1962", "1962-03-05")]
    [InlineData("5 tháng 3 năm 1962", "1962-03-05")]
    [InlineData("ngày 30 tháng 4 năm 1975", "1975-04-30")]
    [InlineData("tháng 3 năm 1962", "1962-03")]
    [InlineData("Tháng 12 năm 1947", "1947-12")]
    [InlineData("năm 1962", "1962")]
    [InlineData("Năm 1930", "1930")]
    public void Reads_dates_in_words(string raw, string iso)
    {
        var result = BirthDate.Parse(raw, Today);

        Assert.True(result.IsReadable, result.Problem);
        Assert.Equal(iso, result.Date!.Value.ToIso());
        Assert.Equal("in words", result.Normalization);
    }

    [Fact]
    public void Reads_dates_in_words_keyed_in_NFD_as_in_NFC()
    {
        string nfc = "ngày 5 tháng 3 năm 1962";
        string nfd = nfc.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(nfc, nfd);

        Assert.Equal("1962-03-05", BirthDate.Parse(nfd, Today).Date?.ToIso());
        Assert.Equal(BirthDate.Parse(nfc, Today), BirthDate.Parse(nfd, Today));
    }

    [Fact]
    public void A_two_digit_year_in_words_is_resolved_like_a_numeric_one()
    {
        var result = BirthDate.Parse("ngày 5 tháng 3 năm 62", Today);

        Assert.Equal("1962-03-05", result.Date?.ToIso());
        Assert.Equal("in words, two-digit year read as 1962", result.Normalization);
    }

    // With today 2026-11-22, card holders are born in 2012 or earlier: "12" is 2012, "13" cannot be 2013 (aged 13).
    [Theory]
    [InlineData("05/03/62", 1962)]
    [InlineData("01/01/00", 2000)]
    [InlineData("31/12/11", 2011)]
    [InlineData("20/11/12", 2012)]
    [InlineData("01/01/13", 1913)]
    [InlineData("15/08/14", 1914)]
    [InlineData("07/07/99", 1999)]
    public void Two_digit_years_resolve_to_the_latest_year_of_someone_at_least_14(string raw, int year)
    {
        var result = BirthDate.Parse(raw, Today);

        Assert.Equal(year, result.Date?.Year);
        Assert.Equal($"dd/mm/yy, two-digit year read as {year}", result.Normalization);
    }

    [Theory]
    [InlineData("2026-12-31", "12", 2012)] // the boundary year itself
    [InlineData("2026-12-31", "13", 1913)]
    [InlineData("2027-01-01", "13", 2013)] // a year later, "13" is old enough
    [InlineData("2027-01-01", "14", 1914)]
    public void The_two_digit_year_boundary_moves_with_today(string today, string twoDigits, int year)
    {
        var result = BirthDate.Parse($"10/02/{twoDigits}", DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(year, result.Date?.Year);
    }

    [Theory]
    [InlineData("03/25/1980", "1980-03-25", "mm/dd/yyyy (month first)")]
    [InlineData("12/31/1999", "1999-12-31", "mm/dd/yyyy (month first)")]
    [InlineData("2/14/1968", "1968-02-14", "m/dd/yyyy (month first)")]
    [InlineData("03/25/80", "1980-03-25", "mm/dd/yy (month first), two-digit year read as 1980")]
    public void A_date_impossible_day_first_but_valid_month_first_is_read_month_first_and_marked(string raw, string iso, string normalization)
    {
        var result = BirthDate.Parse(raw, Today);

        Assert.Equal(iso, result.Date?.ToIso());
        Assert.True(result.ReadMonthFirst);
        Assert.Equal(normalization, result.Normalization);
    }

    [Fact]
    public void A_date_valid_day_first_is_never_read_month_first()
    {
        var result = BirthDate.Parse("03/04/1980", Today);

        Assert.Equal("1980-04-03", result.Date?.ToIso());
        Assert.False(result.ReadMonthFirst);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("\0", "contains control characters")]
    [InlineData("12/03\u0007/1962", "contains control characters")]
    [InlineData("12/03/1962\0", "contains control characters")]
    [InlineData("31/02/1980", "no such day: day 31 in a month of 29 days")]
    [InlineData("29/02/1981", "no such day: day 29 in a month of 28 days")]
    [InlineData("31/04/1975", "no such day: day 31 in a month of 30 days")]
    [InlineData("ngày 31 tháng 2 năm 1980", "no such day: day 31 in a month of 29 days")]
    [InlineData("00/01/1990", "day 0 does not exist")]
    [InlineData("12/00/1990", "month 0 does not exist")]
    [InlineData("13/13/1980", "month 13 does not exist")]
    [InlineData("30/02/1980", "no such day: day 30 in a month of 29 days")]
    [InlineData("02/30/1980", "month 30 does not exist")]
    [InlineData("13/1980", "month 13 does not exist")]
    [InlineData("1980-13-05", "month 13 does not exist")]
    [InlineData("tháng 13 năm 1962", "month 13 does not exist")]
    [InlineData("1879", "year before 1880")]
    [InlineData("01/01/1850", "year before 1880")]
    [InlineData("0000", "year before 1880")]
    [InlineData("2027", "year in the future")]
    [InlineData("23/11/2026", "date in the future")]
    [InlineData("12/2026", "date in the future")]
    [InlineData("12/03/196", "the year must have four digits (two only after day and month, as in dd/mm/yy)")]
    [InlineData("62", "the year must have four digits (two only after day and month, as in dd/mm/yy)")]
    [InlineData("12031962", "digits without separators: day, month and year cannot be told apart")]
    [InlineData("123456789012", "digits without separators: day, month and year cannot be told apart")]
    [InlineData("12//1962", "misplaced separator")]
    [InlineData("/12/1962", "misplaced separator")]
    [InlineData("12/03/1962/", "misplaced separator")]
    [InlineData("1.2.3.4", "too many numbers for a date")]
    [InlineData("ngày 5 năm 1962", "a day without a month")]
    [InlineData("ngày tháng 3 năm 1962", "\"ngày\" must be followed by the day number")]
    [InlineData("tháng năm 1962", "\"tháng\" must be followed by the month number")]
    [InlineData("năm một chín sáu hai", "\"năm\" must be followed by a four-digit year")]
    [InlineData("ngày 5 tháng 3", "a date in words needs \"năm\" and the year at the end")]
    public void Unreadable_dates_say_why_and_never_throw(string? raw, string problem)
    {
        var result = BirthDate.Parse(raw, Today);

        Assert.False(result.IsReadable);
        Assert.Null(result.Date);
        Assert.Null(result.Normalization);
        Assert.Equal(problem, result.Problem);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("không rõ")]
    [InlineData("null")]
    [InlineData("12/03/1962 abc")]
    [InlineData("１２/０３/１９６２")] // full-width digits
    [InlineData("12/03/1962 ☺")]
    [InlineData("\uD800")] // a lone surrogate
    [InlineData("12\uD83D/03/1962")]
    [InlineData("ngày 5 tháng 3 năm 1962 lúc 5 giờ")]
    public void Text_that_is_not_a_date_is_unreadable(string raw)
    {
        var result = BirthDate.Parse(raw, Today);

        Assert.False(result.IsReadable);
        Assert.StartsWith("not a date", result.Problem);
    }

    [Fact]
    public void A_10_KB_string_is_refused_without_being_scanned_as_a_date()
    {
        var result = BirthDate.Parse(new string('1', 10 * 1024), Today);

        Assert.False(result.IsReadable);
        Assert.Equal("too long to be a date (10240 characters)", result.Problem);
        Assert.False(BirthDate.Parse(string.Concat(Enumerable.Repeat("ngày 5 tháng 3 năm 1962 ", 400)), Today).IsReadable);
    }

    [Fact]
    public void Random_keyboard_noise_never_throws_and_is_either_a_date_or_a_problem()
    {
        const string alphabet = "0123456789//--..  ngàyáthgnămNĂMđ,\t\0\u0301\uD83D\uDE00xX+";
        var random = new Random(20261122);
        for (int i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (int j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var result = BirthDate.Parse(new string(chars), Today);

            Assert.True(result.IsReadable ^ result.Problem is not null, new string(chars));
            if (result.Date is { } date)
            {
                Assert.InRange(date.Year, 1880, Today.Year);
            }
        }
    }

    [Fact]
    public void Problems_never_repeat_the_keyed_value()
    {
        // Dates of birth are personal data: problems name the rule broken, not the value.
        foreach (var raw in new[] { "31/02/1980", "13/13/1980", "01/01/1850", "12/03/196", "12/03/1962 abc" })
        {
            var problem = BirthDate.Parse(raw, Today).Problem!;
            Assert.DoesNotContain("1980", problem);
            Assert.DoesNotContain("1850", problem);
            Assert.DoesNotContain(raw, problem);
        }
    }

    [Fact]
    public void The_oldest_and_newest_possible_dates_are_readable()
    {
        Assert.Equal("1880-01-01", BirthDate.Parse("01/01/1880", Today).Date?.ToIso());
        Assert.Equal("2026-11-22", BirthDate.Parse("22/11/2026", Today).Date?.ToIso());
        Assert.Equal("2026-11", BirthDate.Parse("11/2026", Today).Date?.ToIso());
        Assert.Equal("2026", BirthDate.Parse("2026", Today).Date?.ToIso());
    }

    [Fact]
    public void ToDateOnly_gives_the_calendar_date_only_when_known_to_the_day()
    {
        Assert.Equal(new DateOnly(1962, 3, 5), new BirthDate(1962, 3, 5).ToDateOnly());
        Assert.Null(new BirthDate(1962, 3).ToDateOnly());
        Assert.Null(new BirthDate(1962).ToDateOnly());
        Assert.Null(new BirthDate(1980, 2, 31).ToDateOnly());
    }

    [Theory]
    [InlineData("ngày 5 tháng 3 năm 1962\uFFFF")] // noncharacters, which Unicode normalization refuses
    [InlineData("ngày\uFFFE 5 tháng 3 năm 1962")]
    public void A_noncharacter_in_a_date_in_words_is_unreadable_not_an_exception(string raw)
    {
        var result = BirthDate.Parse(raw, new DateOnly(2026, 11, 22));

        Assert.False(result.IsReadable);
        Assert.NotNull(result.Problem);
    }
}
