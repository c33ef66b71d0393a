using System.Globalization;
using System.Text;

namespace CccdRecon.Core.Names;

/// <summary>
/// The order of names on Vietnamese lists (danh sách): by given name, then surname, then middle names, each in
/// Vietnamese dictionary order (<see cref="VietnameseCollation"/>: Đ after D, tones ngang &lt; huyền &lt; hỏi &lt; ngã &lt;
/// sắc &lt; nặng). Correction lists, the review queue and registry search results all sort by it.
/// </summary>
public static class NameOrder
{
    /// <summary>A key whose ordinal order is the list order; names that cannot be read sort after the rest, as written.</summary>
    public static string SortKey(string? fullName)
    {
        var name = PersonName.Parse(fullName);
        if (!name.IsReadable || name.Syllables.Count == 0) return "\u0001" + VietnameseCollation.SortKey(fullName);
        var s = name.Syllables;
        return string.Join('\u0000', Key(s[^1]), Key(s[0]), Key(string.Join(' ', s.Skip(1).Take(Math.Max(0, s.Count - 2)))));
    }

    /// <summary>
    /// The key in four hexadecimal digits per UTF-16 unit, at most <paramref name="maxLength"/> characters: a text every
    /// database orders the same way whatever its collation (case- or accent-insensitive ones included), so a column of
    /// it can be indexed and paged by. Truncation keeps the order of the kept prefix; ties are broken by the row's id.
    /// </summary>
    public static string Storable(string sortKey, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(sortKey);
        var units = Math.Min(sortKey.Length, maxLength / 4);
        var hex = new StringBuilder(units * 4);
        for (var i = 0; i < units; i++)
        {
            hex.Append(((int)sortKey[i]).ToString("X4", CultureInfo.InvariantCulture));
        }
        return hex.ToString();
    }

    private static string Key(string? part) => VietnameseCollation.SortKey(part);
}
