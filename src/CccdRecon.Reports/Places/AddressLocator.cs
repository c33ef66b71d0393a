using CccdRecon.Core.Addresses;
using CccdRecon.Core.Names;

namespace CccdRecon.Reports.Places;

/// <summary>
/// Reads a household's place with Core's address parser (<see cref="VietnameseAddress"/>), the one home for address
/// parsing: any case, diacritics or none, NFD, legacy encodings, abbreviated unit words read by position (X. is xã at
/// commune level, xóm below it), either administrative map. Communes are grouped by the parser's
/// <see cref="CommuneKey"/> and the unit word (a xã and a phường of one name are two communes); the current commune's
/// code, when the map resolves it, scopes a list to a 5-digit unit.
/// </summary>
public sealed class AddressLocator : IHouseholdLocator
{
    public static AddressLocator Instance { get; } = new();

    /// <summary>Longer text is no address a person keyed; it is not read.</summary>
    public const int MaxAddressLength = 512;

    public HouseholdPlace Locate(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxAddressLength) return HouseholdPlace.Unknown;
        var parsed = VietnameseAddress.Parse(address);
        if (parsed.IsEmpty) return HouseholdPlace.Unknown;

        CommunePlace? commune = null;
        if (parsed.Commune.IsPresent)
        {
            var kind = Word(parsed.Commune.Kind);
            var district = parsed.HasDistrict ? Join(Word(parsed.District.Kind), Tidy(parsed.District.NameIn(parsed))) : null;
            var key = VietnameseText.Fold(kind) + "|" + parsed.CommuneKey;
            commune = new CommunePlace(key, Join(kind, Tidy(parsed.Commune.NameIn(parsed))), district, parsed.Province?.Name)
            {
                ProvinceCode = parsed.Province?.AdministrativeCode is { Length: 2 } code ? code : null,
                CommuneCode = parsed.CurrentCommuneCode,
            };
        }

        string? hamlet = parsed.Hamlet.IsPresent ? Join(Word(parsed.Hamlet.Kind), Tidy(parsed.Hamlet.NameIn(parsed))) : null;
        string? street = parsed.Street.IsPresent ? Join(Word(parsed.Street.Kind), Tidy(parsed.Street.NameIn(parsed))) : null;
        string? house = !parsed.House.IsPresent ? null
            : parsed.House.Kind == AddressUnitKind.SoNha ? Join("Số", Tidy(parsed.House.NameIn(parsed))) : Tidy(parsed.House.NameIn(parsed));
        return new HouseholdPlace(commune, hamlet, street, house);
    }

    /// <summary>The unit word spelt out as a list prints it ("Phường", "Tổ dân phố"); empty for a part written without one.</summary>
    public static string Word(AddressUnitKind kind) => kind switch
    {
        AddressUnitKind.Tinh => "Tỉnh",
        AddressUnitKind.ThanhPho => "Thành phố",
        AddressUnitKind.Huyen => "Huyện",
        AddressUnitKind.Quan => "Quận",
        AddressUnitKind.ThiXa => "Thị xã",
        AddressUnitKind.Xa => "Xã",
        AddressUnitKind.Phuong => "Phường",
        AddressUnitKind.ThiTran => "Thị trấn",
        AddressUnitKind.DacKhu => "Đặc khu",
        AddressUnitKind.Thon => "Thôn",
        AddressUnitKind.Xom => "Xóm",
        AddressUnitKind.Ap => "Ấp",
        AddressUnitKind.Ban => "Bản",
        AddressUnitKind.Buon => "Buôn",
        AddressUnitKind.Lang => "Làng",
        AddressUnitKind.KhuPho => "Khu phố",
        AddressUnitKind.ToDanPho => "Tổ dân phố",
        AddressUnitKind.To => "Tổ",
        AddressUnitKind.Khom => "Khóm",
        AddressUnitKind.Khoi => "Khối",
        AddressUnitKind.Khu => "Khu",
        AddressUnitKind.Doi => "Đội",
        AddressUnitKind.Duong => "Đường",
        AddressUnitKind.Pho => "Phố",
        AddressUnitKind.Lo => "",
        _ => "",
    };

    private static string Join(string kind, string name) => kind.Length == 0 ? name : name.Length == 0 ? kind : kind + " " + name;

    /// <summary>Single spaces; a name keyed all in capitals or all in lower case is title-cased ("AN KHÁNH" → "An Khánh").</summary>
    private static string Tidy(string text)
    {
        var collapsed = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim('.', ',', ' ');
        bool hasUpper = collapsed.Any(char.IsUpper), hasLower = collapsed.Any(char.IsLower);
        return hasUpper && hasLower ? collapsed : VietnameseText.ToTitleCase(collapsed.ToLowerInvariant());
    }
}
