using CccdRecon.Core.Names;

namespace CccdRecon.Core.Addresses;

/// <summary>
/// The commune (xã, phường, thị trấn, đặc khu) an address names, as correction lists, notices and the batch dashboard
/// group by it: one home for the rule, so a workbook's sheets, a commune's notices and the dashboard's cases by commune
/// agree, and so the commune can be stored with a case when it is created and grouped by in the database.
/// </summary>
/// <param name="Key">
/// Equal for every spelling of one commune (case, diacritics, abbreviations): the unit word folded, then
/// <see cref="VietnameseAddress.CommuneKey"/> ("phuong|19/thainguyen/hoangvanthu"). A xã and a phường of one name are two
/// communes. Compare keys, never names.
/// </param>
/// <param name="Name">The commune as written, its unit word spelt out and its name tidied ("Phường Hoàng Văn Thụ").</param>
/// <param name="District">The district (huyện, quận…) where the address names one (the map before 1 July 2025).</param>
/// <param name="Province">The province's name in full, where the address names one.</param>
public sealed record AddressCommune(string Key, string Name, string? District, string? Province)
{
    /// <summary>Longer text is no address a person keyed: it is not read.</summary>
    public const int MaxAddressLength = 512;

    /// <summary>The longest <see cref="Key"/> kept (and stored); an address whose commune reads longer names no commune.</summary>
    public const int MaxKeyLength = 160;

    /// <summary>The longest <see cref="Label"/> kept (and stored); an address whose commune reads longer names no commune.</summary>
    public const int MaxLabelLength = 200;

    /// <summary>The province's 2-digit code (the map the address was written in), where known.</summary>
    public string? ProvinceCode { get; init; }

    /// <summary>The current commune's 5-digit code, where the 2025 map resolves it (<see cref="VietnameseAddress.CurrentCommuneCode"/>).</summary>
    public string? CommuneCode { get; init; }

    /// <summary>"Phường An Khánh, Quận 2, Hồ Chí Minh": what a sheet, a page header, a notice and the dashboard call the commune.</summary>
    public string Label => string.Join(", ", new[] { Name, District, Province }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>The commune of an address as keyed; null when it names none (or is too long to be an address).</summary>
    public static AddressCommune? Of(string? address)
        => string.IsNullOrWhiteSpace(address) || address.Length > MaxAddressLength ? null : Of(VietnameseAddress.Parse(address));

    /// <summary>The commune of a parsed address; null when it names none.</summary>
    public static AddressCommune? Of(VietnameseAddress parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (!parsed.Commune.IsPresent) return null;
        var kind = AddressWords.Word(parsed.Commune.Kind);
        var district = parsed.HasDistrict ? AddressWords.Join(AddressWords.Word(parsed.District.Kind), AddressWords.Tidy(parsed.District.NameIn(parsed))) : null;
        var commune = new AddressCommune(VietnameseText.Fold(kind) + "|" + parsed.CommuneKey, AddressWords.Join(kind, AddressWords.Tidy(parsed.Commune.NameIn(parsed))),
            district, parsed.Province?.Name)
        {
            ProvinceCode = parsed.Province?.AdministrativeCode is { Length: 2 } code ? code : null,
            CommuneCode = parsed.CurrentCommuneCode,
        };
        return commune.Key.Length > MaxKeyLength || commune.Label.Length > MaxLabelLength ? null : commune;
    }

    /// <summary>
    /// The label a commune goes by among its spellings (each with how many forms use it): the one with the most
    /// diacritics first — the unit words are spelt out with theirs whatever the form, so "Phường Hoang Van Thu" has some
    /// and only counting them tells it from "Phường Hoàng Văn Thụ" —, then the most used, then the first in ordinal
    /// order. The workbook's sheets, the notices and the dashboard all choose with this rule.
    /// </summary>
    public static string BestLabel(IEnumerable<(string Label, long Count)> spellings)
    {
        ArgumentNullException.ThrowIfNull(spellings);
        return spellings
            .GroupBy(s => s.Label, StringComparer.Ordinal)
            .Select(g => (Label: g.Key, Count: g.Sum(s => s.Count)))
            .OrderByDescending(s => Marks(s.Label))
            .ThenByDescending(s => s.Count)
            .ThenBy(s => s.Label, StringComparer.Ordinal)
            .First().Label;
    }

    /// <summary>How many diacritics a text carries (tone and vowel marks, and đ).</summary>
    private static int Marks(string text) => text.Normalize(System.Text.NormalizationForm.FormD)
        .Count(c => c is 'đ' or 'Đ' || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark);
}

/// <summary>The unit words of addresses as lists print them, and names tidied for print.</summary>
public static class AddressWords
{
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

    /// <summary>A unit word and a name, either possibly empty ("Phường" + "An Khánh").</summary>
    public static string Join(string kind, string name) => kind.Length == 0 ? name : name.Length == 0 ? kind : kind + " " + name;

    /// <summary>Single spaces; a name keyed all in capitals or all in lower case is title-cased ("AN KHÁNH" → "An Khánh").</summary>
    public static string Tidy(string text)
    {
        var collapsed = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim('.', ',', ' ');
        bool hasUpper = collapsed.Any(char.IsUpper), hasLower = collapsed.Any(char.IsLower);
        return hasUpper && hasLower ? collapsed : VietnameseText.ToTitleCase(collapsed.ToLowerInvariant());
    }
}
