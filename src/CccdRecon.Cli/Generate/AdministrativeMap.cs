namespace CccdRecon.Cli.Generate;

/// <summary>A province as the registry wrote it (63-province map) and what it is called since 1 July 2025.</summary>
/// <param name="Code">official three-digit code (the first digits of a personal ID)</param>
/// <param name="Name">name on the 63-province map</param>
/// <param name="IsCity">a centrally-run city (thành phố) rather than a province (tỉnh) on that map</param>
/// <param name="Name2025">name of the province it belongs to since 1 July 2025</param>
/// <param name="IsCity2025">that unit is a centrally-run city</param>
internal sealed record ProvinceUnit(string Code, string Name, bool IsCity, string Name2025, bool IsCity2025)
{
    public string Kind => IsCity ? "thành phố" : "tỉnh";
    public string Kind2025 => IsCity2025 ? "thành phố" : "tỉnh";
}

/// <summary>
/// The generator's own knowledge of Vietnam's provinces before and after the 2025 reorganisation. Written for the
/// generator (an instrument) and kept apart from whatever the matching engine knows.
/// </summary>
internal static class AdministrativeMap
{
    /// <summary>
    /// The 63 provinces and centrally-run cities with the unit each belongs to since 1 July 2025 (Resolution
    /// 202/2025/QH15 of the National Assembly, 12 June 2025: 34 units, 28 provinces and 6 cities; 11 unchanged,
    /// 23 formed from the other 52). Checked against the published list, e.g.
    /// https://vietaustralia.com/en/official-new-map-of-vietnam-s-34-provinces-and-cities-after-the-2025-merger.html
    /// and https://bnews.vn/ten-goi-trung-tam-hanh-chinh-cac-don-vi-hanh-chinh-cap-tinh-moi-sau-sap-nhap-hop-nhat/369899.html.
    /// Thừa Thiên Huế became the centrally-run city of Huế on 1 January 2025 (Resolution 175/2024/QH15); registries
    /// written before then still say "tỉnh Thừa Thiên Huế".
    /// </summary>
    public static readonly ProvinceUnit[] Provinces =
    [
        P("001", "Hà Nội", true, "Hà Nội", true), P("002", "Hà Giang", false, "Tuyên Quang"),
        P("004", "Cao Bằng", false, "Cao Bằng"), P("006", "Bắc Kạn", false, "Thái Nguyên"),
        P("008", "Tuyên Quang", false, "Tuyên Quang"), P("010", "Lào Cai", false, "Lào Cai"),
        P("011", "Điện Biên", false, "Điện Biên"), P("012", "Lai Châu", false, "Lai Châu"),
        P("014", "Sơn La", false, "Sơn La"), P("015", "Yên Bái", false, "Lào Cai"),
        P("017", "Hòa Bình", false, "Phú Thọ"), P("019", "Thái Nguyên", false, "Thái Nguyên"),
        P("020", "Lạng Sơn", false, "Lạng Sơn"), P("022", "Quảng Ninh", false, "Quảng Ninh"),
        P("024", "Bắc Giang", false, "Bắc Ninh"), P("025", "Phú Thọ", false, "Phú Thọ"),
        P("026", "Vĩnh Phúc", false, "Phú Thọ"), P("027", "Bắc Ninh", false, "Bắc Ninh"),
        P("030", "Hải Dương", false, "Hải Phòng", true), P("031", "Hải Phòng", true, "Hải Phòng", true),
        P("033", "Hưng Yên", false, "Hưng Yên"), P("034", "Thái Bình", false, "Hưng Yên"),
        P("035", "Hà Nam", false, "Ninh Bình"), P("036", "Nam Định", false, "Ninh Bình"),
        P("037", "Ninh Bình", false, "Ninh Bình"), P("038", "Thanh Hóa", false, "Thanh Hóa"),
        P("040", "Nghệ An", false, "Nghệ An"), P("042", "Hà Tĩnh", false, "Hà Tĩnh"),
        P("044", "Quảng Bình", false, "Quảng Trị"), P("045", "Quảng Trị", false, "Quảng Trị"),
        P("046", "Thừa Thiên Huế", false, "Huế", true), P("048", "Đà Nẵng", true, "Đà Nẵng", true),
        P("049", "Quảng Nam", false, "Đà Nẵng", true), P("051", "Quảng Ngãi", false, "Quảng Ngãi"),
        P("052", "Bình Định", false, "Gia Lai"), P("054", "Phú Yên", false, "Đắk Lắk"),
        P("056", "Khánh Hòa", false, "Khánh Hòa"), P("058", "Ninh Thuận", false, "Khánh Hòa"),
        P("060", "Bình Thuận", false, "Lâm Đồng"), P("062", "Kon Tum", false, "Quảng Ngãi"),
        P("064", "Gia Lai", false, "Gia Lai"), P("066", "Đắk Lắk", false, "Đắk Lắk"),
        P("067", "Đắk Nông", false, "Lâm Đồng"), P("068", "Lâm Đồng", false, "Lâm Đồng"),
        P("070", "Bình Phước", false, "Đồng Nai"), P("072", "Tây Ninh", false, "Tây Ninh"),
        P("074", "Bình Dương", false, "Hồ Chí Minh", true), P("075", "Đồng Nai", false, "Đồng Nai"),
        P("077", "Bà Rịa - Vũng Tàu", false, "Hồ Chí Minh", true), P("079", "Hồ Chí Minh", true, "Hồ Chí Minh", true),
        P("080", "Long An", false, "Tây Ninh"), P("082", "Tiền Giang", false, "Đồng Tháp"),
        P("083", "Bến Tre", false, "Vĩnh Long"), P("084", "Trà Vinh", false, "Vĩnh Long"),
        P("086", "Vĩnh Long", false, "Vĩnh Long"), P("087", "Đồng Tháp", false, "Đồng Tháp"),
        P("089", "An Giang", false, "An Giang"), P("091", "Kiên Giang", false, "An Giang"),
        P("092", "Cần Thơ", true, "Cần Thơ", true), P("093", "Hậu Giang", false, "Cần Thơ", true),
        P("094", "Sóc Trăng", false, "Cần Thơ", true), P("095", "Bạc Liêu", false, "Cà Mau"),
        P("096", "Cà Mau", false, "Cà Mau"),
    ];

    private static readonly Dictionary<string, ProvinceUnit> ByCode = Provinces.ToDictionary(p => p.Code, StringComparer.Ordinal);

    public static ProvinceUnit ByProvinceCode(string code) => ByCode[code];

    private static ProvinceUnit P(string code, string name, bool city, string name2025, bool city2025 = false) =>
        new(code, name, city, name2025, city2025);

    /// <summary>First and second syllables of commune and district names (Sino-Vietnamese place words).</summary>
    public static readonly string[] PlaceHeads =
    [
        "Tân", "Phú", "An", "Hòa", "Bình", "Đông", "Tây", "Nam", "Bắc", "Vĩnh", "Yên", "Thanh", "Hưng", "Quang",
        "Minh", "Trung", "Thạch", "Phước", "Long", "Thuận", "Cẩm", "Tiên", "Hồng", "Kim", "Đại", "Lạc", "Nghĩa",
        "Xuân", "Hải", "Mỹ", "Quỳnh", "Diễn", "Đức", "Hương", "Ngọc", "Việt",
    ];

    public static readonly string[] PlaceTails =
    [
        "Lập", "Hòa", "Bình", "Hưng", "Sơn", "Thành", "Phú", "Lộc", "An", "Thịnh", "Tiến", "Khánh", "Hội", "Hà",
        "Lâm", "Điền", "Phong", "Lợi", "Thọ", "Mỹ", "Trung", "Dương", "Xá", "Quý", "Cường", "Yên", "Đông", "Vân",
        "Giang", "Lương", "Phước", "Thủy",
    ];

    /// <summary>Village names for thôn, bản and buôn.</summary>
    public static readonly string[] VillageNames =
    [
        "Đông", "Đoài", "Thượng", "Hạ", "Trung", "Nà Lìn", "Pác Bó", "Cốc Lùng", "Ea Kmát", "Kon Klor", "Tân Thành",
        "Văn Phú", "Lạc Thị", "Phú Mỹ", "Bãi Sậy", "Cầu Gạch", "Đồng Nhân", "Bến Đò", "Gò Cát", "Mỹ Lộc",
    ];

    /// <summary>Street names (đường, phố).</summary>
    public static readonly string[] Streets =
    [
        "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt", "Điện Biên Phủ",
        "Nguyễn Huệ", "Lê Duẩn", "Hùng Vương", "Phan Chu Trinh", "Bà Triệu", "Trần Phú", "Nguyễn Văn Cừ",
        "Lạc Long Quân", "Võ Thị Sáu", "Cách Mạng Tháng Tám", "Nguyễn Thị Minh Khai", "Tôn Đức Thắng", "Lê Hồng Phong",
    ];
}
