namespace CccdRecon.Core.Places;

/// <summary>A province or centrally-run city (tỉnh / thành phố trực thuộc trung ương) with its ID-number code.</summary>
/// <param name="Code">3-digit code used in personal ID numbers, e.g. "038" Thanh Hóa</param>
/// <param name="Name">official name without prefix, e.g. "Thanh Hóa"</param>
public sealed record Province(string Code, string Name)
{
    /// <summary>All 63 provinces with their personal-ID codes.</summary>
    public static IReadOnlyList<Province> All => throw new NotImplementedException();

    public static Province? FromCode(string code) => throw new NotImplementedException();

    /// <summary>Reads "Tỉnh Thanh Hoá", "T. Thanh Hoa", "TP HCM", "Tp. Hồ Chí Minh", "thanh hoa". Null when unknown.</summary>
    public static Province? Find(string? raw) => throw new NotImplementedException();
}
