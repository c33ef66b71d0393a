using System.Text;

namespace CccdRecon.Data.Review;

/// <summary>
/// The review queue's stored sort key: a name's list-order key (<see cref="Core.Names.NameOrder.SortKey"/>) written with
/// digits and capital ASCII letters only, which every database orders as their code points whatever its collation
/// (ordinal, ICU or glibc linguistic, case- and accent-insensitive), so a column of it can be indexed and paged by. It
/// orders exactly as <see cref="Core.Names.NameOrder.Storable"/>'s four hexadecimal digits per UTF-16 unit did, at about
/// a quarter of the width: the three by-name queue indexes are the dearest upkeep of a batch's chunk writes.
/// </summary>
/// <remarks>
/// Each UTF-16 unit of the key becomes a code of one to four symbols of <see cref="Symbols"/>; no code is the start of
/// another and codes ascend with the units, so the symbols' order is the units' order (a key that is the start of
/// another stays first). The units the collation writes most take one symbol: the name and word separators and the six
/// tones (<c>U+0000</c>–<c>U+0007</c>) and the Vietnamese letters <c>U+0100</c>–<c>U+011F</c> (a … y), where letters
/// rare in names share a first symbol in pairs (b c, d đ, j k, ô ơ, p q, r s, w x: two symbols). The rest escape:
/// <c>U+0008</c>–<c>U+00FF</c> (numbers) as <c>8</c> and two symbols, <c>U+0120</c> onwards (z, letters outside
/// Vietnamese) as <c>Y</c> or <c>Z</c> and three symbols.
/// </remarks>
public static class QueueSortKey
{
    /// <summary>The symbols in ascending order: ordinal, linguistic and case-insensitive collations all agree on it.</summary>
    public const string Symbols = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Units of the collation's key kept: as many as the hexadecimal key kept in its 256 characters.</summary>
    public const int MaxUnits = 64;

    /// <summary>The longest code of one unit; <see cref="MaxUnits"/> of them fit the column.</summary>
    public const int MaxCodeLength = 4;

    private const int Radix = 36;
    private const char LastDirect = '\u0007';
    private const char LowEscape = '8';
    private const char FirstLetter = '\u0100';
    private const char HighStart = '\u0120';
    private const int HighSpan = Radix * Radix * Radix;

    /// <summary>Letters a … y, in the collation's order, by how many share their first symbol (from <c>9</c> on).</summary>
    private static readonly int[] LetterGroups = [1, 1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 2, 1];

    private static readonly string[] LetterCodes = BuildLetterCodes();

    /// <summary>The stored key of a collation key: its first <see cref="MaxUnits"/> units, each as its code.</summary>
    public static string Of(string sortKey)
    {
        ArgumentNullException.ThrowIfNull(sortKey);
        var units = Math.Min(sortKey.Length, MaxUnits);
        var key = new StringBuilder(units + 8);
        for (var i = 0; i < units; i++)
        {
            Append(key, sortKey[i]);
        }
        return key.ToString();
    }

    private static void Append(StringBuilder key, char unit)
    {
        if (unit <= LastDirect)
        {
            key.Append(Symbols[unit]);
        }
        else if (unit < FirstLetter)
        {
            key.Append(LowEscape);
            AppendDigits(key, unit - LastDirect - 1, 2);
        }
        else if (unit < HighStart)
        {
            key.Append(LetterCodes[unit - FirstLetter]);
        }
        else
        {
            var offset = unit - HighStart;
            key.Append(offset < HighSpan ? 'Y' : 'Z');
            AppendDigits(key, offset % HighSpan, 3);
        }
    }

    private static void AppendDigits(StringBuilder key, int value, int count)
    {
        Span<char> digits = stackalloc char[count];
        for (var i = count - 1; i >= 0; i--)
        {
            digits[i] = Symbols[value % Radix];
            value /= Radix;
        }
        key.Append(digits);
    }

    private static string[] BuildLetterCodes()
    {
        var codes = new List<string>();
        var first = Symbols.IndexOf(LowEscape, StringComparison.Ordinal) + 1;
        foreach (var size in LetterGroups)
        {
            for (var second = 0; second < size; second++)
            {
                codes.Add(size == 1 ? Symbols[first].ToString() : string.Concat(Symbols[first], Symbols[second]));
            }
            first++;
        }
        if (codes.Count != HighStart - FirstLetter || first != Symbols.IndexOf('Y', StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The queue sort key's letter codes do not fill their symbols.");
        }
        return [.. codes];
    }
}
