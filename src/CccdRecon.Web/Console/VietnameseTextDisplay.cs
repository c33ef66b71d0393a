using System.Text;

namespace CccdRecon.Web.Console;

/// <summary>Text as shown: composed (NFC), so decomposed input renders as one letter with its marks in every font.</summary>
internal static class VietnameseTextDisplay
{
    public static string Composed(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }
}
