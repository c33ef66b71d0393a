using CccdRecon.Core.Addresses;

namespace CccdRecon.Reports.Places;

/// <summary>
/// Where a household lives: the commune (xã, phường, thị trấn, đặc khu) and, within it, the hamlet or residential
/// group (thôn, ấp, bản, tổ dân phố…), the street and the house. Any part may be unknown.
/// </summary>
public sealed record HouseholdPlace(CommunePlace? Commune, string? Hamlet, string? Street, string? House)
{
    public static HouseholdPlace Unknown { get; } = new(null, null, null, null);
}

/// <summary>A commune as an address names it.</summary>
/// <param name="Key">Equal for every spelling of the same commune (case, diacritics, abbreviations); compare keys, never names.</param>
/// <param name="Name">The commune as written, its kind spelt out ("Phường An Khánh").</param>
/// <param name="District">The district (huyện, quận…) where the address names one (the map before 1 July 2025).</param>
/// <param name="Province">The province's name in full ("Hà Nội"), where the address names one.</param>
public sealed record CommunePlace(string Key, string Name, string? District, string? Province)
{
    /// <summary>Codes of the national list of administrative units, where known (2-digit province, 3-digit district, 5-digit commune).</summary>
    public string? ProvinceCode { get; init; }

    public string? DistrictCode { get; init; }

    public string? CommuneCode { get; init; }

    /// <summary>"Phường An Khánh, Hà Nội": what a sheet, a page header and a notice call the commune (<see cref="AddressCommune.Label"/>).</summary>
    public string Label => string.Join(", ", new[] { Name, District, Province }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>Core's commune of an address as a place; null for none.</summary>
    public static CommunePlace? Of(AddressCommune? commune) => commune is null ? null
        : new CommunePlace(commune.Key, commune.Name, commune.District, commune.Province) { ProvinceCode = commune.ProvinceCode, CommuneCode = commune.CommuneCode };

    /// <summary>
    /// False only when this commune is known to lie outside the unit: a code at the unit's level (2, 3 or 5 digits)
    /// is known and differs. A commune whose code at that level is unknown is kept rather than lost.
    /// </summary>
    public bool MayLieIn(string unitCode) => unitCode.Length switch
    {
        2 => ProvinceCode is null || ProvinceCode == unitCode,
        3 => DistrictCode is null || DistrictCode == unitCode,
        5 => CommuneCode is null || CommuneCode == unitCode,
        _ => true,
    };
}

/// <summary>
/// Reads the place of a household from an address as keyed. The seam between the reports and address parsing:
/// <see cref="AddressLocator"/> reads them with Core's address parser.
/// </summary>
public interface IHouseholdLocator
{
    HouseholdPlace Locate(string? address);
}
