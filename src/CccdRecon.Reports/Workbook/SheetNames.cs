using System.Text;

namespace CccdRecon.Reports.Workbook;

/// <summary>
/// Excel's rules for sheet names: 1 to 31 characters, none of <c>[ ] : * ? / \</c>, no apostrophe at either end, not
/// "History", unique without regard to case. Long commune labels lose their kind's full spelling first
/// ("Phường" → "P."), then the district, then are cut, and a number keeps cut names apart.
/// </summary>
internal sealed class SheetNames
{
    public const int MaxLength = 31;
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase) { "History" };

    private static readonly (string Full, string Short)[] KindAbbreviations =
    [
        ("Thị trấn ", "TT. "), ("Phường ", "P. "), ("Xã ", "X. "), ("Đặc khu ", "ĐK. "),
        ("Thành phố ", "TP. "), ("Thị xã ", "TX. "), ("Quận ", "Q. "), ("Huyện ", "H. "),
    ];

    /// <summary>A valid name for <paramref name="label"/> not yet given to another sheet.</summary>
    public string Take(string label)
    {
        var clean = Clean(label);
        if (clean.Length > MaxLength)
        {
            foreach (var (full, abbreviation) in KindAbbreviations)
                clean = clean.Replace(full, abbreviation, StringComparison.Ordinal);
        }

        if (clean.Length > MaxLength)
        {
            // Drop the middle part (the district) of "Commune, District, Province".
            var parts = clean.Split(", ");
            if (parts.Length == 3) clean = parts[0] + ", " + parts[2];
        }

        var name = Cut(clean, MaxLength);
        for (int n = 2; !_used.Add(name); n++)
        {
            var suffix = $" ({n})";
            name = Cut(clean, MaxLength - suffix.Length) + suffix;
        }

        return name;
    }

    /// <summary>The reference to a sheet in a formula or a hyperlink: <c>'Phường An Khánh, Hà Nội'!A1</c>.</summary>
    public static string Reference(string sheetName, string cell = "A1") => "'" + sheetName.Replace("'", "''", StringComparison.Ordinal) + "'!" + cell;

    private static string Clean(string label)
    {
        var sb = new StringBuilder(label.Length);
        foreach (var c in Wording.VietnameseWording.Nfc(label))
        {
            if (c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) || char.IsSurrogate(c)) sb.Append(' ');
            else sb.Append(c);
        }

        var text = string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('\'', ' ');
        return text.Length == 0 ? "Trang" : text;
    }

    private static string Cut(string text, int length)
    {
        if (text.Length <= length) return text;
        var cut = text[..length].TrimEnd(' ', ',', '\'');
        return cut.Length == 0 ? "Trang" : cut;
    }

    /// <summary>True when Excel would accept <paramref name="name"/> as a sheet name (for tests and callers that name sheets themselves).</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength
        && name.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0
        && name[0] != '\'' && name[^1] != '\''
        && !string.Equals(name, "History", StringComparison.OrdinalIgnoreCase);
}
