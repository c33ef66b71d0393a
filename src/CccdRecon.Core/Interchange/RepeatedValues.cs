namespace CccdRecon.Core.Interchange;

/// <summary>
/// One copy of each short value that repeats down a file's column (a date, a province, an ethnicity): a registry held in
/// memory for a whole run then keeps a few thousand strings instead of a million copies of them. Bounded, so that a
/// column of unique values costs a fixed table at most. Not thread-safe: one per reader.
/// </summary>
public sealed class RepeatedValues
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
