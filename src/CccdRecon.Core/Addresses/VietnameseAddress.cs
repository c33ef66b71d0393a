using CccdRecon.Core.Places;

namespace CccdRecon.Core.Addresses;

/// <summary>Which administrative map an address appears to be written in.</summary>
public enum AddressEra : byte
{
    /// <summary>Nothing in the text tells.</summary>
    Unknown,
    /// <summary>It names a district, or a province that no longer exists (Bắc Kạn, Bình Dương): the 63-province map.</summary>
    Before2025,
    /// <summary>No district, and its commune is one that exists only since 1 July 2025: the 34-province map.</summary>
    Since2025,
}

/// <summary>
/// A permanent address as Vietnamese write it, parsed once into its parts: province, district, commune,
/// hamlet/street and house. Immutable and compact: parse each record and form once, then compare parsed forms with
/// <see cref="AddressComparer"/>.
/// </summary>
/// <remarks>
/// Reads any case, with or without diacritics, NFC or NFD, either tone placement, TCVN3/VNI text read as
/// Windows-1252; unit words in full, abbreviated (X., H., T., TP., TX., TT., P., Q., KP, TDP, SN, Th.), without
/// dots or omitted; parts with or without commas. Abbreviations are read by position: "X." is xã at commune level and
/// xóm below it. Never throws: unreadable text gives an address with no parts.
/// </remarks>
public sealed class VietnameseAddress
{
    /// <summary>An address with no parts.</summary>
    public static readonly VietnameseAddress Empty = new("", null, false, default, default, default, default, default, default, false, false, null, null);

    internal VietnameseAddress(string text, Province? province, bool provinceNameIsCurrent, AddressPart provincePart, AddressPart district,
        AddressPart commune, AddressPart hamlet, AddressPart street, AddressPart house, bool communeMayBeDistrict,
        bool communeIsCurrentName, int[]? currentCommunes, int[]? successors)
    {
        Text = text;
        Province = province;
        ProvinceNameIsCurrent = provinceNameIsCurrent;
        ProvincePart = provincePart;
        District = district;
        Commune = commune;
        Hamlet = hamlet;
        Street = street;
        House = house;
        CommuneMayBeDistrict = communeMayBeDistrict;
        CommuneIsCurrentName = communeIsCurrentName;
        CurrentCommuneIndices = currentCommunes;
        SuccessorIndices = successors;
    }

    /// <summary>Parses an address. Never throws; null, blank or unreadable text gives <see cref="Empty"/>.</summary>
    public static VietnameseAddress Parse(string? text) => AddressParser.Parse(text);

    /// <summary>The text the parts were read from (NFC; decoded when it was legacy-encoded).</summary>
    public string Text { get; }

    /// <summary>The province as written, read in the 63-province map ("Thái Nguyên" is the former one; see <see cref="CurrentProvince"/>).</summary>
    public Province? Province { get; }

    /// <summary>
    /// True when the province's name as written can mean a province of the current map: a name both maps use
    /// ("Thái Nguyên") or the current one ("Huế" for Thừa Thiên Huế). False for a former province's name ("Bắc Kạn").
    /// </summary>
    public bool ProvinceNameIsCurrent { get; }

    /// <summary>The province of the current map that holds the address (Bắc Kạn → Thái Nguyên).</summary>
    public Province? CurrentProvince => Province?.Successor;

    /// <summary>Where the province's name sits in <see cref="Text"/>.</summary>
    public AddressPart ProvincePart { get; }

    /// <summary>huyện / quận / thị xã / thành phố thuộc tỉnh; absent in addresses written since 1 July 2025.</summary>
    public AddressPart District { get; }

    /// <summary>xã / phường / thị trấn / đặc khu.</summary>
    public AddressPart Commune { get; }

    /// <summary>thôn / xóm / ấp / bản / buôn / làng / khu phố / tổ dân phố / tổ / khóm / khu / đội.</summary>
    public AddressPart Hamlet { get; }

    /// <summary>đường / phố / lộ, or the street written after a house number.</summary>
    public AddressPart Street { get; }

    /// <summary>The house number, with its alleys (ngõ, ngách, hẻm, kiệt) joined by "/" in written order: "12/34".</summary>
    public AddressPart House { get; }

    /// <summary>
    /// The commune is a lone name written without a unit word between the hamlet (or nothing) and the province
    /// ("Tiên Hội, Thái Nguyên"): a commune in the 2025 style, or a district whose commune was left out.
    /// The comparer matches it against the other address's commune, then its district.
    /// </summary>
    public bool CommuneMayBeDistrict { get; }

    /// <summary>True when a district was written (not a lone name that may be one): an address of the 63-province map.</summary>
    public bool HasDistrict => District.IsPresent && !CommuneMayBeDistrict;

    // The commune's name is the name of a current commune somewhere in the country (asked when the province is unknown).
    internal bool CommuneIsCurrentName { get; }

    // Where the commune sits in the current map, resolved once at parse time so comparing needs no lookup:
    // the current communes its name is (when it is one of the 3,321), and the current communes an old commune of
    // that name (in the district written, if any) went to.
    internal int[]? CurrentCommuneIndices { get; }
    internal int[]? SuccessorIndices { get; }

    /// <summary>True when nothing was read.</summary>
    public bool IsEmpty => Province is null && !District.IsPresent && !Commune.IsPresent && !Hamlet.IsPresent && !Street.IsPresent && !House.IsPresent;

    /// <summary>
    /// The level this address reaches compared with itself: how much it can ever tell. A hamlet or house counts only
    /// under a commune or district; a lone hamlet says nothing.
    /// </summary>
    public AddressMatchLevel TopLevel
    {
        get
        {
            var anchored = Commune.IsPresent || District.IsPresent;
            if (anchored && (Hamlet.IsPresent || Street.IsPresent)) return House.IsPresent ? AddressMatchLevel.SameHouse : AddressMatchLevel.SameHamlet;
            if (Commune.IsPresent) return AddressMatchLevel.SameCommune;
            if (District.IsPresent) return AddressMatchLevel.SameDistrict;
            return Province is not null || ProvincePart.IsPresent ? AddressMatchLevel.SameProvince : AddressMatchLevel.Unknown;
        }
    }

    /// <summary>The map the address appears to be written in.</summary>
    public AddressEra Era
    {
        get
        {
            if (HasDistrict || (Province is not null && !ProvinceNameIsCurrent)) return AddressEra.Before2025;
            return Province is not null && !CommuneMayBeDistrict && CurrentCommuneIndices is not null && SuccessorIndices is null
                ? AddressEra.Since2025
                : AddressEra.Unknown;
        }
    }

    /// <summary>The current commune(s) the commune is, when its name is one of the 3,321 of its province.</summary>
    public IReadOnlyList<Places.Commune> CurrentCommunes => AdministrativeMap.Resolve(CurrentCommuneIndices);

    /// <summary>The current commune(s) an old commune of this name (in this district, if written) went to on 1 July 2025.</summary>
    public IReadOnlyList<Places.Commune> SuccessorCommunes => AdministrativeMap.Resolve(SuccessorIndices);

    /// <summary>The commune this address belongs to, for grouping by commune (per-commune correction lists).</summary>
    public CommuneKey CommuneKey => new(Province?.Code ?? "", CommuneMayBeDistrict ? "" : District.Key ?? "", Commune.Key ?? "", CurrentCommuneCode);

    /// <summary>
    /// The province of residence on the current map (<see cref="AdministrativeMap.PartitionKey"/>), whichever map the
    /// address was written in; null when no province was read. A registry record's partition (issue 14) and the column
    /// the registry database keeps it in.
    /// </summary>
    public string? ResidenceProvinceCode => Province is { } province ? AdministrativeMap.PartitionKey(province) : null;

    /// <summary>The 5-digit code of the current commune, when the address names exactly one (by its 2025 name, or an old name that went whole to one).</summary>
    public string? CurrentCommuneCode
    {
        get
        {
            var all = CommuneGazetteer.Instance.Communes;
            if (CurrentCommuneIndices is [var current] && (SuccessorIndices is null || SuccessorIndices.AsSpan().Contains(current))) return all[current].Code;
            if (CurrentCommuneIndices is null && SuccessorIndices is [var only]) return all[only].Code;
            return null;
        }
    }

    /// <summary>The parts present, from the house up, for explanations.</summary>
    public IEnumerable<AddressPart> Parts
    {
        get
        {
            if (House.IsPresent) yield return House;
            if (Street.IsPresent) yield return Street;
            if (Hamlet.IsPresent) yield return Hamlet;
            if (Commune.IsPresent) yield return Commune;
            if (District.IsPresent) yield return District;
            if (ProvincePart.IsPresent) yield return ProvincePart;
        }
    }

    /// <summary>Which tiers were read, never the names: an address is personal data.</summary>
    public override string ToString() => IsEmpty ? "(empty address)" : string.Join(", ", Parts.Select(p => p.ToString()));
}

/// <summary>
/// The commune an address belongs to: province code, district and commune keys as written, and the current
/// commune's code when the map resolves it. Addresses of one commune written in either era share
/// <see cref="CurrentCommuneCode"/> when it is known.
/// </summary>
public readonly record struct CommuneKey(string Province, string District, string Commune, string? CurrentCommuneCode)
{
    /// <summary>"019/phoyen/tienhoi": stable, sortable, fit for a file name.</summary>
    public override string ToString() => $"{Province}/{District}/{Commune}";
}
