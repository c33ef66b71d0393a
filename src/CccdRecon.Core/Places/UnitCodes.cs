namespace CccdRecon.Core.Places;

/// <summary>Codes of the national list of administrative units (danh mục đơn vị hành chính).</summary>
public static class UnitCodes
{
    public const string Rule = "an administrative unit code of 2, 3 or 5 ASCII digits";

    /// <summary>
    /// A province (2 digits), district (3) or commune (5) code, in ASCII digits only: other scripts' digits (<c>٠٥٤٤٣</c>,
    /// full-width <c>０５４４３</c>) and a trailing line break are refused, since a unit code is compared byte for byte
    /// with the units in reviewers' tokens.
    /// </summary>
    public static bool IsValid(string? code) => code is { Length: 2 or 3 or 5 } && AllAsciiDigits(code);

    private static bool AllAsciiDigits(string code)
    {
        foreach (var c in code)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
