using CccdRecon.Core.Dates;
using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// Scoring keeps a form's date comparisons by the record's date (<see cref="DateComparisons"/>): each must come out as
/// the comparison worked out afresh, for every kind of form date (two-digit years, partial dates, a lunar reading, a day
/// and month that may be swapped), and a comparison kept for one form must never answer for another.
/// </summary>
public sealed class DateComparisonsTests
{
    private static readonly string[] FormDates =
        ["12/03/1990", "03/1990", "1990", "12/03/90", "03/12/1990", "15/12/1962", "28/02/01", "12/3/90", "1962", "19/01/1962"];

    private static readonly string[] RecordDates =
        ["1990-03-12", "1990-03", "1990", "1991-03-12", "1990-12-03", "1890-03-12", "1962-01-19", "1962", "1901-02-28", "2001-02-28", "1962-12-15", "1980-03-12"];

    [Fact]
    public void A_kept_date_comparison_is_the_one_worked_out_afresh_and_belongs_to_its_form()
    {
        var rng = new Random(9);
        var today = new DateOnly(2026, 11, 22);
        var forms = FormDates.Select(d => PersonProfile.FromForm(new SurveyForm { FormId = "F", FullName = "Nguyen Van Hoa", DateOfBirth = d }, today)).ToArray();
        Assert.All(forms, f => Assert.NotNull(f.Date));
        var dates = new DateComparisons();
        var levels = new HashSet<DateLevel?>();
        for (var n = 0; n < 20_000; n++)
        {
            // A few forms in turn, each meeting a run of records, some of one date and some of another.
            var form = forms[n / 50 % forms.Length];
            var record = rng.Next(2) == 0
                ? BirthDate.Parse(RecordDates[rng.Next(RecordDates.Length)], today).Date!.Value
                : new BirthDate(1960 + rng.Next(35), rng.Next(13) is var m and > 0 ? m : null, rng.Next(29) is var d and > 0 ? d : null);
            var (fresh, kept) = (new PairComparison { Levels = LevelVector.Missing }, new PairComparison { Levels = LevelVector.Missing });
            FieldComparer.CompareDates(form, form.Date!.Value, record, ref fresh);
            dates.Compare(form, RecordSketch.Pack(record), ref kept);
            Assert.Equal((fresh.Date, fresh.FormDate, fresh.Levels.Date), (kept.Date, kept.FormDate, kept.Levels.Date));
            Assert.Equal(((ReadOnlySpan<sbyte>)fresh.Levels).ToArray(), ((ReadOnlySpan<sbyte>)kept.Levels).ToArray());
            levels.Add(fresh.Levels.Date);
        }
        // Every level was met, and many comparisons were answered from those kept (those of dates years apart are told
        // different before the lookup: many of the random half).
        Assert.True(levels.Count >= 6, $"only {levels.Count} date levels met");
        Assert.True(dates.Found > 2_500 && dates.ToldApart > 2_500, $"{dates.Found} kept comparisons used, {dates.ToldApart} told apart, {dates.Computed} worked out");
    }

    /// <summary>
    /// Dates two years or more apart with another day or month are told different before the calendar is consulted:
    /// exactly when the comparison worked out afresh says so, for every form date (two-digit years, whose other century
    /// is only formatting, months read first, partial dates) against record dates of every year, day and month around.
    /// </summary>
    [Fact]
    public void Dates_told_apart_early_are_those_the_comparison_calls_different()
    {
        var today = new DateOnly(2026, 11, 22);
        var forms = FormDates.Concat(["01/01/2000", "31/12/1999", "29/02/1960", "12/03/10", "03/25/1980"])
            .Select(d => PersonProfile.FromForm(new SurveyForm { FormId = "F", FullName = "Nguyen Van Hoa", DateOfBirth = d }, today)).ToArray();
        var dates = new DateComparisons();
        foreach (var form in forms)
        {
            Assert.NotNull(form.Date);
            var year = form.Date!.Value.Year;
            for (var y = year - 103; y <= year + 103; y++)
                for (var m = 0; m <= 12; m++)
                    for (var d = 0; d <= 31; d += m == 0 ? 32 : 1)
                    {
                        if (m > 0 && d > DateTime.DaysInMonth(Math.Clamp(y, 1, 9999), m)) continue;
                        var record = new BirthDate(y, m == 0 ? null : m, d == 0 ? null : d);
                        var (fresh, kept) = (new PairComparison { Levels = LevelVector.Missing }, new PairComparison { Levels = LevelVector.Missing });
                        FieldComparer.CompareDates(form, form.Date!.Value, record, ref fresh);
                        dates.Compare(form, RecordSketch.Pack(record), ref kept);
                        Assert.Equal((fresh.Date, fresh.FormDate, fresh.Levels.Date), (kept.Date, kept.FormDate, kept.Levels.Date));
                    }
        }
        Assert.True(dates.ToldApart > 100_000, $"only {dates.ToldApart} told apart early");
    }

    /// <summary>
    /// Dates within a year of the form's, to the day, are told different on their numbers (swapped, lunar reading, year
    /// off by one and one digit off each ruled out first) exactly when the comparison worked out afresh says so: random
    /// form dates (two-digit years, months read first, lunar months 11 and 12 whose reading falls in the same solar year)
    /// against every record date of the form's year and the years either side.
    /// </summary>
    [Fact]
    public void Close_dates_told_apart_on_their_numbers_are_those_the_comparison_calls_different()
    {
        var rng = new Random(26);
        var today = new DateOnly(2026, 11, 22);
        var written = Enumerable.Range(0, 60).Select(_ =>
        {
            var (year, month) = (1900 + rng.Next(125), 1 + rng.Next(12));
            var day = 1 + rng.Next(DateTime.DaysInMonth(year, month));
            return rng.Next(4) switch
            {
                0 => $"{day:D2}/{month:D2}/{year % 100:D2}",
                1 when day > 12 => $"{month:D2}/{day:D2}/{year}",
                _ => $"{day:D2}/{month:D2}/{year}",
            };
        }).Concat(["15/12/1962", "19/01/1962", "01/11/1984", "30/12/2000", "12/03/1990", "03/12/1990", "11/11/1999"]);
        var dates = new DateComparisons();
        var met = new HashSet<DateLevel?>();
        foreach (var text in written)
        {
            var form = PersonProfile.FromForm(new SurveyForm { FormId = "F", FullName = "Nguyen Van Hoa", DateOfBirth = text }, today);
            Assert.Equal(DatePrecision.Day, form.Date!.Value.Precision);
            for (var y = form.Date!.Value.Year - 1; y <= form.Date!.Value.Year + 1; y++)
                for (var m = 1; m <= 12; m++)
                    for (var d = 1; d <= DateTime.DaysInMonth(y, m); d++)
                    {
                        var record = new BirthDate(y, m, d);
                        var (fresh, kept) = (new PairComparison { Levels = LevelVector.Missing }, new PairComparison { Levels = LevelVector.Missing });
                        FieldComparer.CompareDates(form, form.Date!.Value, record, ref fresh);
                        dates.Compare(form, RecordSketch.Pack(record), ref kept);
                        Assert.Equal((fresh.Date, fresh.FormDate, fresh.Levels.Date), (kept.Date, kept.FormDate, kept.Levels.Date));
                        met.Add(fresh.Levels.Date);
                    }
        }
        // Every rule the shortcut rules out was met, and nearly every date of the three years was told apart on its numbers.
        Assert.Superset(new HashSet<DateLevel?> { DateLevel.Equal, DateLevel.DayMonthSwapped, DateLevel.LunarDate, DateLevel.YearOffByOne, DateLevel.OneDigitOff, DateLevel.Different }, met);
        Assert.True(dates.ToldApartClose > 60_000, $"only {dates.ToldApartClose} close dates told apart on their numbers");
    }

    /// <summary>
    /// The packed comparison's digit rule stops counting once it knows (<see cref="BirthDateComparer.TwoOrMoreDigitsDiffer"/>):
    /// it must say what the full count says, for every pair of days and months and years alike, one digit apart, a
    /// century apart and far apart.
    /// </summary>
    [Fact]
    public void Two_or_more_differing_digits_is_what_the_full_count_says()
    {
        int[] years = [1962, 1963, 1972, 2062, 1862, 2000, 2001];
        var (two, fewer) = (0, 0);
        foreach (var yearA in years)
            foreach (var yearB in years)
                for (var monthA = 1; monthA <= 12; monthA++)
                    for (var monthB = 1; monthB <= 12; monthB++)
                        for (var dayA = 1; dayA <= 31; dayA += 3)
                            for (var dayB = 1; dayB <= 31; dayB++)
                            {
                                var expected = BirthDateComparer.DifferingDigits(dayA, monthA, yearA, dayB, monthB, yearB) >= 2;
                                Assert.Equal(expected, BirthDateComparer.TwoOrMoreDigitsDiffer(dayA, monthA, yearA, dayB, monthB, yearB));
                                if (expected) two++;
                                else fewer++;
                            }
        Assert.True(fewer > 1_000, $"only {fewer} pairs with fewer than two digits apart");
        Assert.True(two > 1_000, $"only {two} pairs with two or more");
    }
}
