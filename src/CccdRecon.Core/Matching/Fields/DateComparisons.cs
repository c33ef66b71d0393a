using CccdRecon.Core.Dates;

namespace CccdRecon.Core.Matching;

/// <summary>
/// One form's date comparisons, kept by the record's date (<see cref="FieldComparer.CompareDates"/> reads nothing else of
/// the record): an absent person's form meets about 175 candidates, and those found by the date keys share its date,
/// those found by the year keys its year. A comparison found here is the one worked out for the first record of that
/// date, to the bit. Reused per thread; a new form starts afresh (<see cref="For"/>).
/// </summary>
internal sealed class DateComparisons
{
    /// <summary>Dates kept a form: 2^this, direct-mapped (a date that collides replaces the one kept).</summary>
    private const int SlotBits = 6;
    private const int Slots = 1 << SlotBits;

    private readonly Entry[] _entries = new Entry[Slots];
    private PersonProfile? _form;
    // Entries of an earlier form carry an older generation: starting a form clears nothing.
    private int _generation;

    private struct Entry
    {
        public int Generation;
        /// <summary>The record's date packed (<see cref="RecordSketch.PackedDate"/>).</summary>
        public int Record;
        public BirthDate? FormDate;
        public DateAgreement? Agreement;
        public sbyte Level;
    }

    /// <summary>Comparisons worked out and found here (for tests: that the kept ones are used).</summary>
    public int Computed { get; private set; }
    public int Found { get; private set; }

    /// <summary>These comparisons for <paramref name="form"/>: those of another form are forgotten.</summary>
    public DateComparisons For(PersonProfile form)
    {
        if (ReferenceEquals(form, _form)) return this;
        _form = form;
        if (++_generation == 0) _generation = 1;
        _formPackedToTheDay = form.Date is { Precision: DatePrecision.Day } d ? RecordSketch.Pack(d) : 0;
        _lunarReadingsKnown = false;
        return this;
    }

    /// <summary>The form's date packed when it is to the day (and packs); 0 otherwise.</summary>
    private int _formPackedToTheDay;

    /// <summary>Comparisons told different by <see cref="Compare"/>'s first check, without the calendar.</summary>
    public int ToldApart { get; private set; }

    /// <summary>Comparisons told different by <see cref="Compare"/>'s second check (<see cref="CloseButDifferent"/>), without the calendar.</summary>
    public int ToldApartClose { get; private set; }

    // The record dates (packed) that are lunar readings of the form's date (BirthDateComparer.IsLunarReadingOf): four at
    // most, worked out once a form, when a record date first needs them.
    private readonly int[] _lunarReadings = new int[4];
    private int _lunarReadingCount;
    private bool _lunarReadingsKnown;

    /// <summary>
    /// Sets <paramref name="c"/>'s form date, date agreement and date level for a record born on the date its sketch packs
    /// (<paramref name="packedRecord"/>: <see cref="RecordSketch.PackedDate"/>, not 0), as
    /// <see cref="FieldComparer.CompareDates"/> would for <paramref name="form"/> (which must have a date): looked up by
    /// the packed value, the date itself unpacked only to work a comparison out.
    /// </summary>
    public void Compare(PersonProfile form, int packedRecord, ref PairComparison c)
    {
        For(form);
        if (_formPackedToTheDay != 0 && RecordSketch.PackedDay(packedRecord) != 0 && RecordSketch.PackedMonth(packedRecord) != 0)
        {
            // Both to the day, years two or more apart (and not 100: a two-digit year's other century), another day or
            // month: no equal, swapped or lunar date (same or next year), no year off by one, and two digits or more
            // differ (one in the year at least, one in the day or month), so BirthDateComparer.Compare says Different,
            // and CompareDates keeps the form's date as written.
            var years = RecordSketch.PackedYear(packedRecord) - RecordSketch.PackedYear(_formPackedToTheDay);
            if (years is (< -1 or > 1) and not (100 or -100)
                && RecordSketch.PackedMonthAndDay(packedRecord) != RecordSketch.PackedMonthAndDay(_formPackedToTheDay))
            {
                ToldApart++;
                (c.FormDate, c.Date) = (form.Date, DateAgreement.Different);
                c.Levels.Date = DateLevel.Different;
                return;
            }
            // Otherwise (years closer, or the same day and month): Different unless one of the comparison's rules
            // holds, each checked on the packed numbers.
            if (years is not (100 or -100) && CloseButDifferent(form, packedRecord, years))
            {
                ToldApartClose++;
                (c.FormDate, c.Date) = (form.Date, DateAgreement.Different);
                c.Levels.Date = DateLevel.Different;
                return;
            }
        }
        ref var entry = ref _entries[Slot(packedRecord)];
        if (entry.Generation == _generation && entry.Record == packedRecord)
        {
            Found++;
            (c.FormDate, c.Date) = (entry.FormDate, entry.Agreement);
            c.Levels[(int)MatchField.DateOfBirth] = entry.Level;
            return;
        }
        Computed++;
        FieldComparer.CompareDates(form, form.Date!.Value, RecordSketch.Unpack(packedRecord), ref c);
        entry = new Entry
        {
            Generation = _generation, Record = packedRecord, FormDate = c.FormDate, Agreement = c.Date,
            Level = c.Levels[MatchField.DateOfBirth],
        };
    }

    /// <summary>
    /// Whether <see cref="BirthDateComparer.Compare"/> says Different for the form's date to the day against a record's to
    /// the day (<paramref name="packedRecord"/>, <paramref name="years"/> after the form's, not 100 apart either way, so
    /// that CompareDates keeps the form's date as written): another date, not the form's day and month swapped in its
    /// year, not a lunar reading of it (<see cref="LunarReadingsOfForm"/>), not its day and month a year off, and two
    /// digits or more of ddmmyyyy differ — the comparison's rules in its order, each on the numbers.
    /// </summary>
    private bool CloseButDifferent(PersonProfile form, int packedRecord, int years)
    {
        if (packedRecord == _formPackedToTheDay) return false;
        int formDay = RecordSketch.PackedDay(_formPackedToTheDay), formMonth = RecordSketch.PackedMonth(_formPackedToTheDay);
        int day = RecordSketch.PackedDay(packedRecord), month = RecordSketch.PackedMonth(packedRecord);
        var sameDayAndMonth = day == formDay && month == formMonth;
        if (sameDayAndMonth && years is 1 or -1) return false;
        if (years == 0 && formDay == month && formMonth == day && formDay != formMonth) return false;
        if (!BirthDateComparer.TwoOrMoreDigitsDiffer(formDay, formMonth, RecordSketch.PackedYear(_formPackedToTheDay), day, month, RecordSketch.PackedYear(packedRecord)))
            return false;
        // A lunar reading falls in the form's year or the next one: no other record date needs the calendar.
        if (years is 0 or 1)
            foreach (var reading in LunarReadingsOfForm(form))
                if (reading == packedRecord) return false;
        return true;
    }

    /// <summary>
    /// The record dates, packed, of which the form's date (to the day) is a lunar reading: each solar date its day and
    /// month fall on in the lunar year of its year (and, for months 11 and 12, of the year before), ordinary or leap
    /// month, kept where <see cref="BirthDateComparer.IsLunarReadingOf"/> says so. Every record date it says so of is one
    /// of these (the rule compares the record's date with these conversions), so a record date not among them is not.
    /// </summary>
    private ReadOnlySpan<int> LunarReadingsOfForm(PersonProfile form)
    {
        if (!_lunarReadingsKnown)
        {
            _lunarReadingsKnown = true;
            _lunarReadingCount = 0;
            var written = form.Date!.Value;
            int day = written.Day!.Value, month = written.Month!.Value;
            for (var lunarYear = written.Year; lunarYear >= written.Year - (month >= 11 && written.Year > 1 ? 1 : 0); lunarYear--)
                foreach (var leap in (ReadOnlySpan<bool>)[false, true])
                {
                    if (!VietnameseLunarCalendar.TryToSolar(new LunarDate(day, month, lunarYear, leap), out var solar)) continue;
                    var reading = new BirthDate(solar.Year, solar.Month, solar.Day);
                    var packed = RecordSketch.Pack(reading);
                    if (packed == 0 || !BirthDateComparer.IsLunarReadingOf(written, reading) || _lunarReadings.AsSpan(0, _lunarReadingCount).Contains(packed)) continue;
                    _lunarReadings[_lunarReadingCount++] = packed;
                }
        }
        return _lunarReadings.AsSpan(0, _lunarReadingCount);
    }

    // Year × 397 + month × 31 + day, mixed: the packed value itself, multiplied alike, spreads a form's dates less well.
    private static int Slot(int packed) => (int)((uint)((packed >> 9) * 397 + (packed >> 5 & 15) * 31 + (packed & 31)) * 0x9E3779B1u >> (32 - SlotBits));
}
