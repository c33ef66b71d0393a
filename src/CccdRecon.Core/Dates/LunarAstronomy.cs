namespace CccdRecon.Core.Dates;

/// <summary>
/// The two astronomical events the Vietnamese calendar is built on, as low-precision series (Meeus, "Astronomical
/// Formulae for Calculators"): new moons (sóc) and the Sun's ecliptic longitude, whose 30° sectors are the major
/// solar terms (trung khí). Days are Julian Day Numbers of the civil date at 105°E (UTC+7).
/// </summary>
/// <remarks>
/// The low-precision series are deliberate: they are the ones Vietnamese calendar tables are computed with, so a
/// new moon a few minutes from midnight falls on the same day as in the published calendar.
/// </remarks>
internal static class LunarAstronomy
{
    /// <summary>Vietnam's civil time, UTC+7, as a fraction of a day.</summary>
    private const double TimeZoneDays = 7.0 / 24.0;

    private const double MeanSynodicMonth = 29.530588853;

    /// <summary>Day number of the (mean) new moon numbered 0, early January 1900.</summary>
    private const double NewMoonZeroDay = 2415021.076998695;

    private const double Radians = Math.PI / 180.0;

    /// <summary>Julian Day Number of a Gregorian date (2000-01-01 is 2451545).</summary>
    public static int DayNumber(DateOnly date) => date.DayNumber + 1721426;

    public static DateOnly ToDate(int dayNumber) => DateOnly.FromDayNumber(dayNumber - 1721426);

    /// <summary>Index of the mean new moon at or just before <paramref name="dayNumber"/>.</summary>
    public static int NewMoonIndexNear(int dayNumber) => (int)Math.Floor((dayNumber - NewMoonZeroDay) / MeanSynodicMonth);

    /// <summary>The local (UTC+7) day on which new moon number <paramref name="k"/> occurs: the first day of a lunar month.</summary>
    public static int NewMoonDay(int k) => (int)Math.Floor(NewMoonUniversalTime(k) + 0.5 + TimeZoneDays);

    /// <summary>
    /// Which 30° sector of ecliptic longitude (0 = 0°..30°, from the March equinox) the Sun is in at local midnight
    /// starting <paramref name="dayNumber"/>. Sector 9 starts at the winter solstice.
    /// </summary>
    public static int SunSectorAtStartOf(int dayNumber)
    {
        double longitude = SunLongitudeDegrees(dayNumber - 0.5 - TimeZoneDays);
        return (int)(longitude / 30.0);
    }

    /// <summary>Julian date (UT) of true new moon number <paramref name="k"/>.</summary>
    private static double NewMoonUniversalTime(int k)
    {
        double t = k / 1236.85; // Julian centuries from 1900
        double t2 = t * t;
        double t3 = t2 * t;
        double mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
            + 0.00033 * Sin(166.56 + 132.87 * t - 0.009173 * t2);
        double sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        double moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        double moonLatitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;

        double periodic = (0.1734 - 0.000393 * t) * Sin(sunAnomaly)
            + 0.0021 * Sin(2 * sunAnomaly)
            - 0.4068 * Sin(moonAnomaly)
            + 0.0161 * Sin(2 * moonAnomaly)
            - 0.0004 * Sin(3 * moonAnomaly)
            + 0.0104 * Sin(2 * moonLatitude)
            - 0.0051 * Sin(sunAnomaly + moonAnomaly)
            - 0.0074 * Sin(sunAnomaly - moonAnomaly)
            + 0.0004 * Sin(2 * moonLatitude + sunAnomaly)
            - 0.0004 * Sin(2 * moonLatitude - sunAnomaly)
            - 0.0006 * Sin(2 * moonLatitude + moonAnomaly)
            + 0.0010 * Sin(2 * moonLatitude - moonAnomaly)
            + 0.0005 * Sin(sunAnomaly + 2 * moonAnomaly);

        // The series gives dynamical time; ΔT (in days) brings it to universal time.
        double deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return mean + periodic - deltaT;
    }

    /// <summary>The Sun's true geometric longitude in degrees, 0..360, at Julian date <paramref name="julianDate"/>.</summary>
    private static double SunLongitudeDegrees(double julianDate)
    {
        double t = (julianDate - 2451545.0) / 36525; // Julian centuries from J2000
        double t2 = t * t;
        double meanAnomaly = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        double meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        double equationOfCentre = (1.914600 - 0.004817 * t - 0.000014 * t2) * Sin(meanAnomaly)
            + (0.019993 - 0.000101 * t) * Sin(2 * meanAnomaly)
            + 0.000290 * Sin(3 * meanAnomaly);
        double longitude = (meanLongitude + equationOfCentre) % 360.0;
        return longitude < 0 ? longitude + 360.0 : longitude;
    }

    private static double Sin(double degrees) => Math.Sin(degrees * Radians);
}
