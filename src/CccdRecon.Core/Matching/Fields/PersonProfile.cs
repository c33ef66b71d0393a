using CccdRecon.Core.Addresses;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Identity;
using CccdRecon.Core.Names;
using CccdRecon.Core.Places;

namespace CccdRecon.Core.Matching;

/// <summary>
/// A person's fields parsed once into the forms the comparisons need. Built from a registry record when it is
/// indexed and from a form when it is reconciled, so the hot path never re-parses.
/// </summary>
internal sealed class PersonProfile
{
    public required PersonName Name { get; init; }
    public BirthDate? Date { get; init; }
    public DateParseResult DateParse { get; init; }
    public Gender? Gender { get; init; }
    /// <summary>12-digit personal ID digits, when the value is one.</summary>
    public string? Id12 { get; init; }
    public PersonalIdNumber? Id12Parsed { get; init; }
    /// <summary>9-digit legacy number: the registry's old_id, or a form's personal_id holding one.</summary>
    public string? Id9 { get; init; }
    /// <summary>A keyed ID that is neither a valid 12-digit nor a 9-digit number (kept to flag it).</summary>
    public string? IdUnreadable { get; init; }
    // Registry profiles keep parents and address as keyed and parse them when compared: a province's registry is
    // millions of records, and these are compared for a few candidates per form only (~0.7 KB a record saved).
    private PersonName? _father, _mother;
    private string? _fatherRaw, _motherRaw, _address, _addressRaw;
    private bool _eager;

    public PersonName? Father { get => _eager ? _father : FatherFolded is null ? null : ParseOptionalName(_fatherRaw, PersonName.ParseRecord); private init => _father = value; }
    public PersonName? Mother { get => _eager ? _mother : MotherFolded is null ? null : ParseOptionalName(_motherRaw, PersonName.ParseRecord); private init => _mother = value; }
    /// <summary>Folded permanent address, for the address blocking keys.</summary>
    public string? Address { get => _eager ? _address : FoldAddress(_addressRaw); private init => _address = value; }
    /// <summary>The permanent address by parts (parsed on use for a registry record, once for a form); null when absent.</summary>
    public VietnameseAddress? ParsedAddress { get => _eager ? _parsedAddress : ParseAddress(_addressRaw); private init => _parsedAddress = value; }
    private VietnameseAddress? _parsedAddress;
    public bool HasFather => FatherFolded is not null;
    public bool HasMother => MotherFolded is not null;
    /// <summary>
    /// The parent's folded name (<see cref="PersonName.FoldedKey"/>), null when absent or unreadable. Kept for registry
    /// records so that the commonest outcome, a plainly different parent, is decided without parsing the name again
    /// (see <see cref="FieldComparer.CompareParents"/>); names that agree fold alike.
    /// </summary>
    public string? FatherFolded { get; private init; }
    public string? MotherFolded { get; private init; }
    public bool HasAddress => _eager ? _address is not null : _hasAddressRaw;
    // Read for every candidate: kept beside the other fields rather than found by reading the address text.
    private bool _hasAddressRaw;
    public Province? BirthProvince { get; init; }

    public static PersonProfile FromRecord(RegistryRecord record, DateOnly today)
    {
        var id12 = PersonalIdNumber.Parse(record.PersonalId);
        var old = PersonalIdNumber.Parse(record.OldId);
        var date = BirthDate.Parse(record.DateOfBirth, today);
        return new PersonProfile
        {
            Name = PersonName.ParseRecord(record.FullName),
            DateParse = date,
            Date = date.Date,
            Gender = GenderParser.Parse(record.Gender),
            Id12 = id12.Kind == IdNumberKind.Personal12 ? id12.Digits : null,
            Id9 = old.Kind == IdNumberKind.Legacy9 ? old.Digits : id12.Kind == IdNumberKind.Legacy9 ? id12.Digits : null,
            BirthProvince = Province.Find(record.BirthPlace),
            _fatherRaw = record.FatherName,
            _motherRaw = record.MotherName,
            FatherFolded = PersonNameParser.FoldedKey(record.FatherName),
            MotherFolded = PersonNameParser.FoldedKey(record.MotherName),
            _addressRaw = record.PermanentAddress,
            _hasAddressRaw = !string.IsNullOrWhiteSpace(record.PermanentAddress),
        };
    }

    public static PersonProfile FromForm(SurveyForm form, DateOnly today)
    {
        var date = BirthDate.Parse(form.DateOfBirth, today);
        var id = PersonalIdNumber.Parse(form.PersonalId);
        var hasId = !string.IsNullOrWhiteSpace(form.PersonalId);
        var father = ParseOptionalName(form.FatherName, PersonName.Parse);
        var mother = ParseOptionalName(form.MotherName, PersonName.Parse);
        return new PersonProfile
        {
            Name = PersonName.Parse(form.FullName),
            DateParse = date,
            Date = date.Date,
            Gender = GenderParser.Parse(form.Gender),
            Id12 = id.Kind == IdNumberKind.Personal12 ? id.Digits : null,
            Id12Parsed = id.Kind == IdNumberKind.Personal12 ? id : null,
            Id9 = id.Kind == IdNumberKind.Legacy9 ? id.Digits : null,
            IdUnreadable = hasId && id.Kind == IdNumberKind.Unreadable ? id.Digits : null,
            _eager = true,
            Father = father,
            Mother = mother,
            FatherFolded = father?.FoldedKey,
            MotherFolded = mother?.FoldedKey,
            BirthProvince = Province.Find(form.BirthPlace),
            Address = FoldAddress(form.PermanentAddress),
            ParsedAddress = ParseAddress(form.PermanentAddress),
        };
    }

    private static PersonName? ParseOptionalName(string? raw, Func<string?, PersonName> parse)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var name = parse(raw);
        return name.IsReadable ? name : null;
    }

    private static VietnameseAddress? ParseAddress(string? raw) =>
        string.IsNullOrWhiteSpace(raw) || raw.Length > 1000 ? null : VietnameseAddress.Parse(raw);

    private static string? FoldAddress(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 1000) return null;
        var folded = VietnameseText.Fold(raw);
        return folded.Length == 0 ? null : folded;
    }
}
