namespace CccdRecon.Core.Interchange;

/// <summary>
/// One copy of each short value that repeats across records (a date, a gender, a province, an ethnicity) where values
/// arrive as strings (gRPC messages, database rows): a registry held in memory then keeps a few thousand strings instead
/// of a million copies of them. A CSV reader uses <see cref="RepeatedValues"/>, keyed on the cell's bytes before any
/// string is made. Bounded, so that unique values cost a fixed table at most. Not thread-safe.
/// </summary>
public sealed class SharedStrings
{
    /// <summary>Longer values are rarely repeated (names, addresses) and are kept as read.</summary>
    public const int MaxLength = 64;

    /// <summary>Distinct values kept at most; later new values are kept as read.</summary>
    public const int MaxValues = 1 << 17;

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>The one copy of <paramref name="value"/> (the value itself the first time, or when the table is full).</summary>
    public string? Keep(string? value)
    {
        if (value is null || value.Length > MaxLength) return value;
        if (_values.TryGetValue(value, out var kept)) return kept;
        if (_values.Count < MaxValues) _values.Add(value, value);
        return value;
    }
}
