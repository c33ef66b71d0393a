using CccdRecon.Core.Addresses;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Identity;
using CccdRecon.Core.Places;

namespace CccdRecon.Core.Matching;

/// <summary>
/// What scoring reads of a candidate before it decides whether to compare the name (<see cref="CandidateScorer"/>):
/// the date, gender, ID numbers and birth province exactly, the folded names as hashes and lengths, and whether the
/// record has parents and an address. One struct a record, in one array beside the records (<see cref="RegistryIndex"/>):
/// an absent person's form reads a hundred and more candidates, and a profile's fields lie behind five or six pointers
/// each in a heap of gigabytes, where a sketch is one or two cache lines.
/// </summary>
/// <remarks>
/// The full name is known by its number in the index (equal numbers, equal names). A parent's hash decides only that two
/// names differ (different hashes) or sends the comparison to the names themselves (equal hashes); equal given-name
/// hashes are taken as equal given names, which can only raise a bound (<see cref="CandidateScoreBound"/>), never lower
/// one below the truth.
/// </remarks>
internal readonly struct RecordSketch
{
    // The 12 digits packed four bits each (PersonalIdComparer.TryPack); -1 for none.
    private readonly long _id12;
    /// <summary>Hash of the folded name's last syllable; 0 for a name of one syllable.</summary>
    public readonly ulong Given;
    /// <summary>Hashes of the parents' folded names; 0 when absent or unreadable.</summary>
    public readonly ulong Father, Mother;
    /// <summary>
    /// The index's number for the folded full name (<see cref="RegistryIndex.NameIdOf"/>): two records share it exactly
    /// when their folded names are equal, so agreement is decided without reading the record's name.
    /// </summary>
    public readonly int NameId;
    private readonly int _id9;
    private readonly int _date;
    // The AddressSketch's fields, kept apart so that the sketch stays 56 bytes.
    private readonly uint _addressHouse;
    /// <summary>Length of the folded full name.</summary>
    public readonly ushort NameLength;
    private readonly byte _gender;
    private readonly byte _birthProvince;
    private readonly bool _hasAddress;
    /// <summary>False when a value did not fit (a date beyond the packed range): read the profile instead.</summary>
    public readonly bool Complete;
    private readonly byte _addressProvince;
    private readonly bool _addressVietnamese;

    private RecordSketch(PersonProfile p, int nameId, AddressSketch address)
    {
        NameId = nameId;
        (_addressHouse, _addressProvince, _addressVietnamese) = (address.House, address.Province, address.Vietnamese);
        var space = p.Name.FoldedKey.LastIndexOf(' ');
        Given = space < 0 ? 0 : Hash(p.Name.FoldedKey.AsSpan(space + 1));
        Father = p.FatherFolded is { } father ? Hash(father) : 0;
        Mother = p.MotherFolded is { } mother ? Hash(mother) : 0;
        NameLength = (ushort)Math.Min(p.Name.FoldedKey.Length, ushort.MaxValue);
        _id12 = p.Id12 is { Length: 12 } id12 && PersonalIdComparer.TryPack(id12, out var packed12) ? (long)packed12 : -1;
        _id9 = p.Id9 is { Length: 9 } id9 && int.TryParse(id9, out var n9) ? n9 : -1;
        _gender = p.Gender is { } g ? (byte)((int)g + 1) : (byte)0;
        _birthProvince = p.BirthProvince is { } province ? (byte)(province.Ordinal + 1) : (byte)0;
        _hasAddress = p.HasAddress;
        _date = p.Date is { } d ? Pack(d) : 0;
        Complete = (p.Date is null || _date != 0) && (p.Id12 is null || _id12 >= 0) && (p.Id9 is null || _id9 >= 0)
            && (p.BirthProvince is null || p.BirthProvince.Ordinal < byte.MaxValue) && NameLength == p.Name.FoldedKey.Length;
    }

    /// <summary>
    /// The sketch of a record whose folded name has the number <paramref name="nameId"/> in its index, and whose address
    /// sketch is <paramref name="address"/> (<see cref="AddressSketch.Of"/>; the default, unknown, bounds nothing).
    /// </summary>
    public static RecordSketch Of(PersonProfile profile, int nameId, AddressSketch address = default) => new(profile, nameId, address);

    public bool HasFather => Father != 0;
    public bool HasMother => Mother != 0;
    public bool HasAddress => _hasAddress;
    /// <summary>What the address comparison can reach, read from the parsed address when the record was indexed.</summary>
    public AddressSketch Address => new(_addressHouse, _addressProvince, _addressVietnamese);

    /// <summary>
    /// The identifiers as <see cref="FieldComparer.CompareIdentifiers(PersonProfile, in RecordIdentifiers, ref PairComparison)"/>
    /// reads them against <paramref name="form"/>: the 12-digit number as packed digits, compared as words; the 9-digit
    /// one written out into the buffer given only when the form has one (the comparison reads it for no other form).
    /// </summary>
    public RecordIdentifiers IdentifiersFor(PersonProfile form, Span<char> id9) => new(
        _date == 0 ? null : Unpack(_date),
        Gender,
        default,
        _id9 < 0 || form.Id9 is null ? default : Digits(_id9, id9[..9]),
        BirthProvince)
    {
        PackedId12 = _id12,
    };

    /// <summary>The date packed (<see cref="Pack"/>); 0 for none.</summary>
    public int PackedDate => _date;

    /// <summary>The 12 digits packed (<see cref="PersonalIdComparer.TryPack"/>); -1 for none.</summary>
    public long PackedId12 => _id12;

    public Gender? Gender => _gender == 0 ? null : (Gender)(_gender - 1);

    public Province? BirthProvince => _birthProvince == 0 ? null : Province.Every[_birthProvince - 1];

    /// <summary>
    /// The birth province as its <see cref="Province.Ordinal"/> + 1; 0 for none. Two provinces are one exactly when these
    /// are equal (each province one object, one ordinal, one code), so comparing them needs neither the province nor its code.
    /// </summary>
    public int BirthProvinceNumber => _birthProvince;

    /// <summary>FNV-1a over the characters, never 0 (0 stands for "none").</summary>
    public static ulong Hash(ReadOnlySpan<char> text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text) h = (h ^ c) * 1099511628211UL;
        return h | 1;
    }

    // Year (1-999,999) × 512 + month (0-12) × 32 + day (0-31): 0 only for no date.
    internal static int Pack(BirthDate d) =>
        d.Year is > 0 and < 1_000_000 ? d.Year << 9 | (d.Month ?? 0) << 5 | (d.Day ?? 0) : 0;

    internal static BirthDate Unpack(int packed)
    {
        int year = PackedYear(packed), month = PackedMonth(packed), day = PackedDay(packed);
        return new BirthDate(year, month == 0 ? null : month, day == 0 ? null : day);
    }

    /// <summary>The year of a packed date (<see cref="Pack"/>).</summary>
    internal static int PackedYear(int packed) => packed >> 9;

    /// <summary>The month of a packed date; 0 for none.</summary>
    internal static int PackedMonth(int packed) => packed >> 5 & 15;

    /// <summary>The day of a packed date; 0 for none.</summary>
    internal static int PackedDay(int packed) => packed & 31;

    /// <summary>The month and day of a packed date as one number: equal exactly when both are.</summary>
    internal static int PackedMonthAndDay(int packed) => packed & 511;

    private static ReadOnlySpan<char> Digits(long number, Span<char> into)
    {
        for (var i = into.Length - 1; i >= 0; i--, number /= 10) into[i] = (char)('0' + number % 10);
        return into;
    }
}

/// <summary>
/// What an address comparison (<see cref="FieldComparer.CompareAddress"/>) can reach, from one parse of each side: the
/// province of the 2025 map it lies in, a hash of the house number, and whether it reads as Vietnamese (compared by
/// parts, never as text). Two addresses in provinces whose successors differ compare as
/// <see cref="AddressMatchLevel.Different"/>; two house numbers whose hashes differ are different numbers, so the pair
/// cannot reach <see cref="AddressMatchLevel.SameHouse"/>. The default (no province, no house number) bounds nothing.
/// Kept in the record's <see cref="RecordSketch"/>: every record's address is parsed once when it is indexed.
/// </summary>
internal readonly struct AddressSketch(uint house, byte province, bool vietnamese)
{
    /// <summary>Hash of the house number's key (<see cref="AddressPart.Key"/>); 0 for none.</summary>
    public readonly uint House = house;
    /// <summary>Ordinal + 1 of the province's successor on the 2025 map (<see cref="Province.Successor"/>); 0 for none.</summary>
    public readonly byte Province = province;
    /// <summary>The address names a known province or a unit word: compared by parts (<see cref="FieldComparer.ReadsAsVietnamese"/>).</summary>
    public readonly bool Vietnamese = vietnamese;

    /// <summary>The sketch of a parsed address; for none (absent, or too long to parse), the default, which bounds nothing.</summary>
    public static AddressSketch Of(VietnameseAddress? address)
    {
        if (address is null) return default;
        var house = address.House.Key is { } key ? RecordSketch.Hash(key) : 0;
        return new(
            house == 0 ? 0 : (uint)(house ^ house >> 32) | 1,
            address.Province is { } p && p.Successor.Ordinal < byte.MaxValue ? (byte)(p.Successor.Ordinal + 1) : (byte)0,
            FieldComparer.ReadsAsVietnamese(address));
    }

    /// <summary>Both addresses name provinces, and their successors on the 2025 map differ: the comparison says Different.</summary>
    public static bool ProvincesDiffer(in AddressSketch a, in AddressSketch b) => a.Province != 0 && b.Province != 0 && a.Province != b.Province;

    /// <summary>Both addresses have a house number and the numbers differ: the comparison cannot say SameHouse.</summary>
    public static bool HousesDiffer(in AddressSketch a, in AddressSketch b) => a.House != 0 && b.House != 0 && a.House != b.House;
}

/// <summary>
/// The folded names of a form as <see cref="RecordSketch"/> keeps a record's: computed once a form, the full names'
/// numbers in the index included (0 for a name no record bears).
/// </summary>
internal readonly struct FormSketch
{
    public readonly ulong Given, AlternativeGiven, Father, Mother;
    public readonly int NameId, AlternativeNameId, NameLength, AlternativeLength;
    public readonly bool HasSpace, AlternativeHasSpace, HasAlternative;
    /// <summary>The form's address as <see cref="RecordSketch.Address"/> keeps a record's.</summary>
    public readonly AddressSketch Address;
    /// <summary>The form's 12 digits packed as <see cref="RecordSketch.PackedId12"/> keeps a record's; -1 for none (or not 12 digits).</summary>
    public readonly long PackedId12;
    /// <summary>The form's birth province as <see cref="RecordSketch.BirthProvinceNumber"/> keeps a record's; 0 for none.</summary>
    public readonly int BirthProvinceNumber;

    private FormSketch(PersonProfile form, RegistryIndex index)
    {
        BirthProvinceNumber = form.BirthProvince is { } province ? province.Ordinal + 1 : 0;
        (Given, NameLength, HasSpace) = Of(form.Name.FoldedKey);
        NameId = index.NameIdOf(form.Name.FoldedKey);
        if (form.Name.Alternative is { } alternative)
        {
            HasAlternative = true;
            (AlternativeGiven, AlternativeLength, AlternativeHasSpace) = Of(alternative.FoldedKey);
            AlternativeNameId = index.NameIdOf(alternative.FoldedKey);
        }
        Father = form.Father?.FoldedKey is { } father ? RecordSketch.Hash(father) : 0;
        Mother = form.Mother?.FoldedKey is { } mother ? RecordSketch.Hash(mother) : 0;
        Address = AddressSketch.Of(form.ParsedAddress);
        PackedId12 = form.Id12 is { Length: 12 } id12 && PersonalIdComparer.TryPack(id12, out var packed) ? (long)packed : -1;
    }

    /// <summary>The form's sketch against <paramref name="index"/>, inside a <see cref="RegistryIndex.Read"/> scope.</summary>
    public static FormSketch Of(PersonProfile form, RegistryIndex index) => new(form, index);

    private static (ulong Given, int Length, bool HasSpace) Of(string folded)
    {
        var space = folded.LastIndexOf(' ');
        return (space < 0 ? 0 : RecordSketch.Hash(folded.AsSpan(space + 1)), folded.Length, space >= 0);
    }
}

/// <summary>A record's identifiers as the comparison reads them (from a profile or a <see cref="RecordSketch"/>).</summary>
internal readonly ref struct RecordIdentifiers(BirthDate? date, Gender? gender, ReadOnlySpan<char> id12, ReadOnlySpan<char> id9, Province? birthProvince)
{
    public BirthDate? Date { get; } = date;
    public Gender? Gender { get; } = gender;
    /// <summary>The 12 digits of the personal ID; empty when none (or when given packed in <see cref="PackedId12"/>).</summary>
    public ReadOnlySpan<char> Id12 { get; } = id12;
    /// <summary>The 12 digits packed (<see cref="PersonalIdComparer.TryPack"/>) when a sketch gives them so; -1 otherwise.</summary>
    public long PackedId12 { get; init; } = -1;
    /// <summary>The 9 digits of the legacy ID; empty when none.</summary>
    public ReadOnlySpan<char> Id9 { get; } = id9;
    public Province? BirthProvince { get; } = birthProvince;

    public static RecordIdentifiers Of(PersonProfile p) => new(p.Date, p.Gender, p.Id12, p.Id9, p.BirthProvince);
}
