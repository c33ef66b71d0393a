using CccdRecon.Core.Addresses;

namespace CccdRecon.Reports.Places;

/// <summary>
/// Reads a household's place with Core's address parser (<see cref="VietnameseAddress"/>), the one home for address
/// parsing: any case, diacritics or none, NFD, legacy encodings, abbreviated unit words read by position (X. is xã at
/// commune level, xóm below it), either administrative map. The commune is Core's <see cref="AddressCommune"/> (the one
/// the database stores with each review case, so the console's dashboard groups as the lists do); the current commune's
/// code, when the map resolves it, scopes a list to a 5-digit unit.
/// </summary>
public sealed class AddressLocator : IHouseholdLocator
{
    public static AddressLocator Instance { get; } = new();

    /// <summary>Longer text is no address a person keyed; it is not read.</summary>
    public const int MaxAddressLength = AddressCommune.MaxAddressLength;

    public HouseholdPlace Locate(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxAddressLength) return HouseholdPlace.Unknown;
        var parsed = VietnameseAddress.Parse(address);
        if (parsed.IsEmpty) return HouseholdPlace.Unknown;

        var commune = CommunePlace.Of(AddressCommune.Of(parsed));
        string? hamlet = parsed.Hamlet.IsPresent ? AddressWords.Join(AddressWords.Word(parsed.Hamlet.Kind), AddressWords.Tidy(parsed.Hamlet.NameIn(parsed))) : null;
        string? street = parsed.Street.IsPresent ? AddressWords.Join(AddressWords.Word(parsed.Street.Kind), AddressWords.Tidy(parsed.Street.NameIn(parsed))) : null;
        string? house = !parsed.House.IsPresent ? null
            : parsed.House.Kind == AddressUnitKind.SoNha ? AddressWords.Join("Số", AddressWords.Tidy(parsed.House.NameIn(parsed))) : AddressWords.Tidy(parsed.House.NameIn(parsed));
        return new HouseholdPlace(commune, hamlet, street, house);
    }
}
