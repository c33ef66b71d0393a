namespace CccdRecon.Core.Addresses;

/// <summary>The tiers of a Vietnamese address, from the house up. Street and hamlet share a tier.</summary>
public enum AddressLevel : byte
{
    /// <summary>số nhà, ngõ, ngách, hẻm, kiệt: the house number and the alleys that lead to it.</summary>
    House = 0,
    /// <summary>thôn, xóm, ấp, bản, buôn, làng, khu phố, tổ dân phố, tổ, khóm, khối, khu, đội — and đường / phố (streets).</summary>
    Hamlet = 1,
    /// <summary>xã, phường, thị trấn, đặc khu.</summary>
    Commune = 2,
    /// <summary>huyện, quận, thị xã, thành phố thuộc tỉnh (none since 1 July 2025).</summary>
    District = 3,
    /// <summary>tỉnh, thành phố trực thuộc trung ương.</summary>
    Province = 4,
}

/// <summary>The unit word an address part was written with (or <see cref="Unmarked"/> when the word was omitted).</summary>
public enum AddressUnitKind : byte
{
    /// <summary>No unit word: the tier comes from the part's position ("Tiên Hội, Phổ Yên, Thái Nguyên").</summary>
    Unmarked,
    /// <summary>tỉnh, T.</summary>
    Tinh,
    /// <summary>thành phố, TP. (a centrally-run city when it heads the address, a provincial city otherwise)</summary>
    ThanhPho,
    /// <summary>huyện, H.</summary>
    Huyen,
    /// <summary>quận, Q.</summary>
    Quan,
    /// <summary>thị xã, TX.</summary>
    ThiXa,
    /// <summary>xã, X.</summary>
    Xa,
    /// <summary>phường, P., F.</summary>
    Phuong,
    /// <summary>thị trấn, TT.</summary>
    ThiTran,
    /// <summary>đặc khu</summary>
    DacKhu,
    /// <summary>thôn, Th.</summary>
    Thon,
    /// <summary>xóm (X. below a commune)</summary>
    Xom,
    /// <summary>ấp, A.</summary>
    Ap,
    /// <summary>bản, B. (also buôn)</summary>
    Ban,
    /// <summary>buôn</summary>
    Buon,
    /// <summary>làng</summary>
    Lang,
    /// <summary>khu phố, KP</summary>
    KhuPho,
    /// <summary>tổ dân phố, TDP</summary>
    ToDanPho,
    /// <summary>tổ (T. below a commune, with a number)</summary>
    To,
    /// <summary>khóm</summary>
    Khom,
    /// <summary>khu</summary>
    Khu,
    /// <summary>đội</summary>
    Doi,
    /// <summary>đường, Đ.</summary>
    Duong,
    /// <summary>phố (P. below a commune)</summary>
    Pho,
    /// <summary>quốc lộ, tỉnh lộ, QL</summary>
    Lo,
    /// <summary>số nhà, số, SN</summary>
    SoNha,
    /// <summary>ngõ</summary>
    Ngo,
    /// <summary>ngách</summary>
    Ngach,
    /// <summary>hẻm (H. with a number below a commune)</summary>
    Hem,
    /// <summary>kiệt</summary>
    Kiet,
    /// <summary>khối: the urban residential group of Nghệ An, Hà Tĩnh, Thanh Hóa and other northern-central towns</summary>
    Khoi,
}

/// <summary>Facts about unit words that the parser and the comparer share.</summary>
public static class AddressUnitKinds
{
    /// <summary>The tier a unit word names when written at its usual place.</summary>
    public static AddressLevel LevelOf(this AddressUnitKind kind) => kind switch
    {
        AddressUnitKind.Tinh => AddressLevel.Province,
        AddressUnitKind.ThanhPho or AddressUnitKind.Huyen or AddressUnitKind.Quan or AddressUnitKind.ThiXa => AddressLevel.District,
        AddressUnitKind.Xa or AddressUnitKind.Phuong or AddressUnitKind.ThiTran or AddressUnitKind.DacKhu => AddressLevel.Commune,
        AddressUnitKind.SoNha or AddressUnitKind.Ngo or AddressUnitKind.Ngach or AddressUnitKind.Hem or AddressUnitKind.Kiet => AddressLevel.House,
        _ => AddressLevel.Hamlet,
    };

    /// <summary>True for street words (đường, phố, lộ): a street and a hamlet are kept apart.</summary>
    public static bool IsStreet(this AddressUnitKind kind) => kind is AddressUnitKind.Duong or AddressUnitKind.Pho or AddressUnitKind.Lo;

    /// <summary>
    /// Rural hamlets (thôn, xóm, ấp, bản, buôn, làng, đội) and urban groups (khu phố, tổ dân phố, tổ, khóm, khối, khu) are two
    /// families: "Xóm 4" and "Thôn 4" may be one place written two ways, "Xóm 4" and "Tổ 4" are not.
    /// </summary>
    internal static int HamletFamily(this AddressUnitKind kind) => kind switch
    {
        AddressUnitKind.Thon or AddressUnitKind.Xom or AddressUnitKind.Ap or AddressUnitKind.Ban or AddressUnitKind.Buon
            or AddressUnitKind.Lang or AddressUnitKind.Doi => 1,
        AddressUnitKind.KhuPho or AddressUnitKind.ToDanPho or AddressUnitKind.To or AddressUnitKind.Khom or AddressUnitKind.Khu
            or AddressUnitKind.Khoi => 2,
        AddressUnitKind.Duong or AddressUnitKind.Pho or AddressUnitKind.Lo => 3,
        _ => 0,
    };
}
