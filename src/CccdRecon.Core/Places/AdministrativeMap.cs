namespace CccdRecon.Core.Places;

/// <summary>
/// Both administrative maps and the links between them: the 63 provinces (with districts) in force until 30 June 2025
/// and the 34 provinces with 3,321 communes and no districts in force since 1 July 2025 (Resolution 202/2025/QH15).
/// A record written before the change and a form written after it name the same place differently; ask here, never
/// compare provinces or communes of different eras by name.
/// </summary>
/// <remarks>
/// Partitioning by residence (issue 14) keys a record by <see cref="PartitionKey"/>: the current province, whatever
/// map its address was written in. Nothing here is hard-coded to either map: a further reform adds a successor link.
/// </remarks>
public static class AdministrativeMap
{
    /// <summary>The day the 34-province map took effect.</summary>
    public static readonly DateOnly Since2025 = new(2025, 7, 1);

    /// <summary>The 63 provinces in force until 30 June 2025.</summary>
    public static IReadOnlyList<Province> Before2025Provinces => Province.All;

    /// <summary>The 34 provinces in force since 1 July 2025.</summary>
    public static IReadOnlyList<Province> CurrentProvinces => Province.Current;

    /// <summary>The 3,321 communes, wards and special zones in force since 1 July 2025.</summary>
    public static IReadOnlyList<Commune> Communes => CommuneGazetteer.Instance.Communes;

    /// <summary>The province of the current map that holds <paramref name="province"/>'s territory (Bắc Kạn → Thái Nguyên).</summary>
    public static Province ToCurrent(Province province)
    {
        ArgumentNullException.ThrowIfNull(province);
        return province.Successor;
    }

    /// <summary>True when both name the same current province, whichever map each was written in. False when either is unknown.</summary>
    public static bool SameProvince(Province? a, Province? b) => a is not null && b is not null && a.Successor == b.Successor;

    /// <summary>The current province named by any spelling of either map's name ("Bắc Kạn", "T. Thai Nguyen", "TP.HCM", "BRVT").</summary>
    public static Province? FindCurrent(string? text) => Province.Find(text)?.Successor;

    /// <summary>The partition of a record whose residence is <paramref name="province"/>: the current province's administrative code.</summary>
    public static string PartitionKey(Province province) => ToCurrent(province).AdministrativeCode;

    /// <summary>The current communes of a province of either map (of its successor, for a former one).</summary>
    public static IEnumerable<Commune> CommunesOf(Province province)
    {
        ArgumentNullException.ThrowIfNull(province);
        var current = province.Successor;
        return CommuneGazetteer.Instance.Communes.Where(c => c.Province == current);
    }

    /// <summary>A current commune by its 5-digit code. Null when unknown.</summary>
    public static Commune? CommuneFromCode(string? code) => code is null ? null : CommuneGazetteer.Instance.FromCode(code);

    /// <summary>The current commune(s) of <paramref name="province"/>'s successor named <paramref name="name"/> ("Phổ Yên", "phường Phổ Yên", "P. PHO YEN").</summary>
    public static IReadOnlyList<Commune> FindCommunes(Province province, string? name)
    {
        ArgumentNullException.ThrowIfNull(province);
        if (string.IsNullOrWhiteSpace(name)) return [];
        var found = CommuneGazetteer.Instance.CurrentCommunes(province.Successor, PlaceKeys.OfUnitName(name));
        return Resolve(found);
    }

    /// <summary>
    /// The current commune(s) that took the territory of the old commune <paramref name="commune"/> (in
    /// <paramref name="district"/>, when given; either may start with its unit word, "Quận 5", "xã Tiên Hội") of <paramref name="province"/>: one, or several when it was divided.
    /// Empty when the map does not know it.
    /// </summary>
    public static IReadOnlyList<Commune> SuccessorsOf(Province province, string? district, string? commune)
    {
        ArgumentNullException.ThrowIfNull(province);
        if (string.IsNullOrWhiteSpace(commune)) return [];
        var districtKey = string.IsNullOrWhiteSpace(district) ? "" : PlaceKeys.OfUnitName(district);
        return Resolve(CommuneGazetteer.Instance.Successors(province, districtKey, PlaceKeys.OfUnitName(commune)));
    }

    internal static IReadOnlyList<Commune> Resolve(int[]? indices)
    {
        if (indices is null) return [];
        var all = CommuneGazetteer.Instance.Communes;
        var result = new Commune[indices.Length];
        for (var i = 0; i < indices.Length; i++) result[i] = all[indices[i]];
        return result;
    }
}
