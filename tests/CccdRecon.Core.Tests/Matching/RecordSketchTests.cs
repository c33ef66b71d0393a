using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

/// <summary>
/// Scoring compares a candidate's date, gender, ID numbers and birth province from its <see cref="RecordSketch"/>, not
/// its profile: the comparison must come out exactly as the profile's would, whatever the values (partial dates, legacy
/// numbers, numbers one digit or a swap apart, a form ID that only encodes gender and year, two-digit years, unknown
/// provinces), or a decision would depend on which path read the record.
/// </summary>
public sealed class RecordSketchTests
{
    private static readonly string[] Dates = ["1990-03-12", "1990-03", "1990", "1991-03-12", "1990-12-03", "1989-04-17", "2001-02-28", ""];
    private static readonly string[] FormDates = ["12/03/1990", "03/1990", "1990", "12/03/90", "03/12/1990", "17/04/1989", "", "28/02/01", "15/02/1990"];
    private static readonly string[] Ids = ["001090012345", "001090012354", "001090012346", "038185001111", "012345678", "", "001190012345"];
    private static readonly string[] Places = ["Hà Nội", "Thanh Hóa", "Nam Định", "", "Sao Hỏa", "TP HCM", "Bắc Kạn", "Thái Nguyên", "Ninh Bình"];

    /// <summary>The address sketch's fields sit in what was padding: a sketch stays 56 bytes, two cache lines at most.</summary>
    [Fact]
    public void A_sketch_with_its_address_stays_56_bytes() =>
        Assert.Equal(56, System.Runtime.CompilerServices.Unsafe.SizeOf<RecordSketch>());

    /// <summary>
    /// Birth provinces compare in place by number (<see cref="RecordSketch.BirthProvinceNumber"/>) where the profile's
    /// comparison compares their codes: the same answer only while each province of either map has a code of its own.
    /// </summary>
    [Fact]
    public void Every_province_of_either_map_has_a_code_of_its_own() =>
        Assert.Equal(CccdRecon.Core.Places.Province.Every.Count, CccdRecon.Core.Places.Province.Every.Select(p => p.Code).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void Identifiers_compare_from_the_sketch_as_from_the_profile()
    {
        var rng = new Random(3);
        var today = new DateOnly(2026, 11, 22);
        var levels = new HashSet<string>();
        Span<char> id9 = stackalloc char[9];
        var index = new RegistryIndex(today);
        using var read = index.Read();
        var dates = new DateComparisons();
        PersonProfile form = null!;
        FormSketch formSketch = default;
        var withoutNumber = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var id = Ids[rng.Next(Ids.Length)];
            var record = PersonProfile.FromRecord(new RegistryRecord
            {
                RecordId = "R",
                FullName = "Nguyễn Văn Hòa",
                PersonalId = id.Length == 12 ? id : null,
                OldId = id.Length == 9 ? id : rng.Next(3) == 0 ? "012345679" : null,
                DateOfBirth = Dates[rng.Next(Dates.Length)] is { Length: > 0 } d ? d : null,
                Gender = rng.Next(3) switch { 0 => "male", 1 => "female", _ => null },
                BirthPlace = Places[rng.Next(Places.Length)],
            }, today);
            // A form meets a run of records in turn, as scoring has it: its kept date comparisons are then used.
            if (n % 40 == 0) (form, formSketch) = NewForm(rng, today, index);
            var sketch = RecordSketch.Of(record, nameId: 1);
            Assert.True(sketch.Complete);
            var (fromProfile, fromSketch, inPlace) = (new PairComparison { Levels = LevelVector.Missing }, new PairComparison { Levels = LevelVector.Missing }, new PairComparison { Levels = LevelVector.Missing });
            FieldComparer.CompareIdentifiers(form, record, ref fromProfile);
            FieldComparer.CompareIdentifiers(form, sketch.IdentifiersFor(form, id9), ref fromSketch);
            FieldComparer.CompareIdentifiers(form, formSketch, sketch, ref inPlace, dates, id9);
            foreach (var other in (PairComparison[])[fromSketch, inPlace])
            {
                Assert.Equal(((ReadOnlySpan<sbyte>)fromProfile.Levels).ToArray(), ((ReadOnlySpan<sbyte>)other.Levels).ToArray());
                Assert.Equal((fromProfile.Date, fromProfile.FormDate, fromProfile.Id, fromProfile.IdConsistent), (other.Date, other.FormDate, other.Id, other.IdConsistent));
            }
            levels.Add($"{fromProfile.Levels.Date} {fromProfile.Levels.Id} {fromProfile.Levels.BirthPlace} {fromProfile.Levels.Gender}");
            // A form with no number leaves the ID level missing in place, without reading the record's numbers.
            if (form.Id12 is null && form.Id9 is null) withoutNumber++;
        }
        Assert.True(withoutNumber > 1_000, $"only {withoutNumber} pairs of a form without a number");
        // Every kind of outcome was met, not only the commonest, and kept date comparisons answered many.
        Assert.True(levels.Count > 100, $"only {levels.Count} combinations of levels");
        Assert.True(dates.Found > 5_000, $"{dates.Found} kept date comparisons used, {dates.Computed} worked out");
    }

    private static (PersonProfile Form, FormSketch Sketch) NewForm(Random rng, DateOnly today, RegistryIndex index)
    {
        var form = PersonProfile.FromForm(new SurveyForm
        {
            FormId = "F",
            FullName = "Nguyen Van Hoa",
            PersonalId = Ids[rng.Next(Ids.Length)],
            DateOfBirth = FormDates[rng.Next(FormDates.Length)],
            Gender = rng.Next(2) == 0 ? "Nam" : "Nữ",
            BirthPlace = Places[rng.Next(Places.Length)],
        }, today);
        return (form, FormSketch.Of(form, index));
    }

    /// <summary>
    /// The index keeps each sketch in a cache line of its own (an absent person's form reads 175 from all over): every
    /// slot's sketch starts on a line, and holds the record's sketch, across loads that grow the store and records
    /// added one at a time.
    /// </summary>
    [Fact]
    public void Every_sketch_sits_in_one_cache_line_and_is_its_records()
    {
        var rng = new Random(64);
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        var registry = PruningTests.Registry(rng, 3_000);
        index.AddRange(registry.Take(1_000).ToList());
        index.AddRange(registry.Skip(1_000).Take(1_500).ToList());
        foreach (var record in registry.Skip(2_500)) index.Upsert(record, out _);
        using var read = index.Read();
        Assert.True(index.CountInRead > 2_900, $"only {index.CountInRead} records indexed");
        for (var slot = 0; slot < index.CountInRead; slot++)
        {
            Assert.Equal(0, index.SketchLineOffset(slot));
            var profile = index.At(slot).Profile;
            var expected = RecordSketch.Of(profile, index.NameIdOf(profile.Name.FoldedKey), AddressSketch.Of(profile.ParsedAddress));
            var got = index.SketchAt(slot);
            Assert.Equal(
                (expected.PackedDate, expected.PackedId12, expected.NameId, expected.Given, expected.Father, expected.Mother, expected.NameLength, expected.Complete, expected.Gender, expected.BirthProvince, expected.HasAddress, expected.Address),
                (got.PackedDate, got.PackedId12, got.NameId, got.Given, got.Father, got.Mother, got.NameLength, got.Complete, got.Gender, got.BirthProvince, got.HasAddress, got.Address));
        }
    }
}
