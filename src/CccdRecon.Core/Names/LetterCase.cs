namespace CccdRecon.Core.Names;

/// <summary>
/// Invariant simple case mapping from a table. The BCL's invariant casing calls into ICU once per span or non-ASCII
/// character, which made case changes the largest single cost of parsing a name; the table holds exactly what ICU
/// answered for each UTF-16 code unit, so results are identical. Surrogate pairs (astral letters, which can change
/// case as a pair) still go to the BCL.
/// </summary>
internal static class LetterCase
{
    private static readonly char[] UpperMap = Build(upper: true);
    private static readonly char[] LowerMap = Build(upper: false);

    private static char[] Build(bool upper)
    {
        var map = new char[char.MaxValue + 1];
        for (int c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            map[c] = char.IsSurrogate(ch) ? ch : upper ? char.ToUpperInvariant(ch) : char.ToLowerInvariant(ch);
        }

        return map;
    }

    public static char ToUpper(char c) => UpperMap[c];

    public static char ToLower(char c) => LowerMap[c];

    /// <summary>Lower-cases <paramref name="source"/> into <paramref name="destination"/> (at least as long).</summary>
    public static void ToLower(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (source.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            source.ToLowerInvariant(destination);
            return;
        }

        var map = LowerMap;
        for (int i = 0; i < source.Length; i++) destination[i] = map[source[i]];
    }
}
