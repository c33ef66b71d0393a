using System.Globalization;
using System.Text;

namespace CccdRecon.Core.Places;

/// <summary>
/// Folds Vietnamese text to a comparison key: NFD, combining marks removed, đ→d, lower case.
/// Kept private to this library so Places and Identity do not depend on Names/ (to be merged with VietnameseText.Fold).
/// </summary>
internal static class PlaceText
{
    public static string Fold(string text)
    {
        string decomposed;
        try
        {
            decomposed = text.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // Lone surrogates and noncharacters cannot be normalized; folded as keyed, such text matches no key.
            decomposed = text;
        }

        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }
}
