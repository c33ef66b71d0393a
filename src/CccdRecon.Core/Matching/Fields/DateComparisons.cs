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
        return this;
    }

    /// <summary>The form's date packed when it is to the day (and packs); 0 otherwise.</summary>
    private int _formPackedToTheDay;

    /// <summary>Comparisons told different by <see cref="Compare"/>'s first check, without the calendar.</summary>
    public int ToldApart { get; private set; }

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

    // Year × 397 + month × 31 + day, mixed: the packed value itself, multiplied alike, spreads a form's dates less well.
    private static int Slot(int packed) => (int)((uint)((packed >> 9) * 397 + (packed >> 5 & 15) * 31 + (packed & 31)) * 0x9E3779B1u >> (32 - SlotBits));
}
