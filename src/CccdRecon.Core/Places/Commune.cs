namespace CccdRecon.Core.Places;

/// <summary>The kind of a commune-level unit (đơn vị hành chính cấp xã).</summary>
public enum CommuneKind : byte
{
    /// <summary>xã, a rural commune.</summary>
    Xa,
    /// <summary>phường, an urban ward.</summary>
    Phuong,
    /// <summary>thị trấn, a township (none remain since 1 July 2025).</summary>
    ThiTran,
    /// <summary>đặc khu, a special zone (the 13 island units of 2025, e.g. Phú Quốc, Côn Đảo).</summary>
    DacKhu,
}

/// <summary>One of the 3,321 communes, wards and special zones in force since 1 July 2025 (no district above them).</summary>
/// <param name="Code">5-digit administrative code, e.g. "05860"</param>
/// <param name="Kind">xã, phường or đặc khu</param>
/// <param name="Name">official name without the unit word, e.g. "Phổ Yên"</param>
/// <param name="Province">its province in the 34-province map</param>
public sealed record Commune(string Code, CommuneKind Kind, string Name, Province Province)
{
    /// <summary>Folded key of the name ("phoyen").</summary>
    public string Key { get; } = PlaceKeys.Of(Name);

    /// <summary>Position in <see cref="AdministrativeMap.Communes"/>.</summary>
    internal int Index { get; init; }

    public override string ToString() => Name;
}
