namespace CccdRecon.Core.Addresses;

/// <summary>How closely two addresses agree, strongest first. Each level names the deepest part that agrees.</summary>
public enum AddressMatchLevel : byte
{
    /// <summary>House number, street or hamlet, and commune agree.</summary>
    SameHouse,
    /// <summary>Street or hamlet and commune agree; the house number is absent on a side, or differs.</summary>
    SameHamlet,
    /// <summary>The commune agrees (by name, or through the 2025 merger); below it nothing agrees.</summary>
    SameCommune,
    /// <summary>The district agrees; the commune is absent on a side, cannot be compared across eras, or differs.</summary>
    SameDistrict,
    /// <summary>The province agrees (directly or through the 2025 merger); nothing below it agrees.</summary>
    SameProvince,
    /// <summary>A part known on both sides disagrees and no part above it agrees: different provinces across eras.</summary>
    Different,
    /// <summary>Too little was read on one side or the other to say anything.</summary>
    Unknown,
}

/// <summary>How one part of two addresses compares.</summary>
public enum PartAgreement : byte
{
    /// <summary>Missing on at least one side: neither for nor against.</summary>
    Absent,
    /// <summary>Both sides name the same unit.</summary>
    Agrees,
    /// <summary>
    /// The names differ but the 2025 arrangement makes them one: a former province and the one it merged into
    /// (Bắc Kạn, Thái Nguyên), or an old commune and the new one that took it (Tiên Hội → La Bằng).
    /// </summary>
    AgreesAcrossEras,
    /// <summary>Both sides name different units.</summary>
    Differs,
    /// <summary>Both sides name a unit but the map cannot tell whether they are one (an old and a new commune name it does not know).</summary>
    Unknown,
}

/// <summary>The outcome of <see cref="AddressComparer.Compare"/>: a level, and how each part compared.</summary>
public readonly record struct AddressComparison(
    AddressMatchLevel Level,
    PartAgreement Province,
    PartAgreement District,
    PartAgreement Commune,
    PartAgreement Hamlet,
    PartAgreement House)
{
    /// <summary>True when some part agrees and none above it differs.</summary>
    public bool Agrees => Level <= AddressMatchLevel.SameProvince;

    /// <summary>The highest part known on both sides that differs, or null when none does.</summary>
    public AddressLevel? FirstDifference =>
        Province == PartAgreement.Differs ? AddressLevel.Province
        : District == PartAgreement.Differs ? AddressLevel.District
        : Commune == PartAgreement.Differs ? AddressLevel.Commune
        : Hamlet == PartAgreement.Differs ? AddressLevel.Hamlet
        : House == PartAgreement.Differs ? AddressLevel.House
        : null;

    /// <summary>How one part compared.</summary>
    public PartAgreement this[AddressLevel level] => level switch
    {
        AddressLevel.Province => Province,
        AddressLevel.District => District,
        AddressLevel.Commune => Commune,
        AddressLevel.Hamlet => Hamlet,
        _ => House,
    };
}
