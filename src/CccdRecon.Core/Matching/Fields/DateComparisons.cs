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
        public BirthDate Record;
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
        return this;
    }

    /// <summary>
    /// Sets <paramref name="c"/>'s form date, date agreement and date level for a record born on <paramref name="record"/>,
    /// as <see cref="FieldComparer.CompareDates"/> would for <paramref name="form"/> (which must have a date).
    /// </summary>
    public void Compare(PersonProfile form, BirthDate record, ref PairComparison c)
    {
        For(form);
        ref var entry = ref _entries[Slot(record)];
        if (entry.Generation == _generation && entry.Record == record)
        {
            Found++;
            (c.FormDate, c.Date) = (entry.FormDate, entry.Agreement);
            c.Levels[(int)MatchField.DateOfBirth] = entry.Level;
            return;
        }
        Computed++;
        FieldComparer.CompareDates(form, form.Date!.Value, record, ref c);
        entry = new Entry
        {
            Generation = _generation, Record = record, FormDate = c.FormDate, Agreement = c.Date,
            Level = c.Levels[MatchField.DateOfBirth],
        };
    }

    private static int Slot(BirthDate d) => (int)((uint)(d.Year * 397 + (d.Month ?? 0) * 31 + (d.Day ?? 0)) * 0x9E3779B1u >> (32 - SlotBits));
}
