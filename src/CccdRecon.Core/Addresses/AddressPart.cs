namespace CccdRecon.Core.Addresses;

/// <summary>
/// One part of a parsed address: its tier, the unit word it was written with, its comparison key and where its name
/// sits in the address text. The default value is an absent part.
/// </summary>
/// <remarks>
/// The key is the folded name without separators ("tienhoi", "3" for "Phường 03", "12/3" for a house in an alley).
/// Keys of commune-level and higher parts are shared strings, so a registry of millions keeps each name once.
/// </remarks>
public readonly struct AddressPart : IEquatable<AddressPart>
{
    internal AddressPart(AddressLevel level, AddressUnitKind kind, string key, int start, int length)
    {
        Key = key;
        Level = level;
        Kind = kind;
        _start = (ushort)start;
        _length = (ushort)length;
    }

    private readonly ushort _start, _length;

    /// <summary>Comparison key; null when the part is absent.</summary>
    public string? Key { get; }

    /// <summary>The tier the parser placed this part at.</summary>
    public AddressLevel Level { get; }

    /// <summary>The unit word it was written with.</summary>
    public AddressUnitKind Kind { get; }

    public bool IsPresent => Key is not null;

    /// <summary>The name as written (without its unit word), cut from the address text it was parsed from.</summary>
    public string NameIn(VietnameseAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Key is null || _start + _length > address.Text.Length ? "" : address.Text.Substring(_start, _length);
    }

    public bool Equals(AddressPart other) => Key == other.Key && Kind == other.Kind && Level == other.Level;

    public override bool Equals(object? obj) => obj is AddressPart other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Key, Kind, Level);

    public static bool operator ==(AddressPart left, AddressPart right) => left.Equals(right);

    public static bool operator !=(AddressPart left, AddressPart right) => !left.Equals(right);

    /// <summary>Tier and unit word only: an address is personal data, so the name never reaches a log through here.</summary>
    public override string ToString() => Key is null ? "(absent)" : $"{Level} ({Kind})";
}
