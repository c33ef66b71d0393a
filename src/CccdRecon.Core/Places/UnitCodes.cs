using System.Text.RegularExpressions;

namespace CccdRecon.Core.Places;

/// <summary>Codes of the national list of administrative units (danh mục đơn vị hành chính).</summary>
public static partial class UnitCodes
{
    /// <summary>A province (2 digits), district (3) or commune (5) code.</summary>
    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    public const string Rule = "an administrative unit code of 2, 3 or 5 digits";

    [GeneratedRegex(@"^(\d{2}|\d{3}|\d{5})$")]
    private static partial Regex Pattern();
}
