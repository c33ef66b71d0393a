namespace CccdRecon.Core.Names;

/// <summary>Low-level Vietnamese text operations shared by names, places and keys.</summary>
public static class VietnameseText
{
    /// <summary>Lower case, diacritics removed, đ→d, NFC in, ASCII-ish out. "Đặng Thị Ánh" → "dang thi anh".</summary>
    public static string Fold(string text) => throw new NotImplementedException();

    /// <summary>True when the text contains any Vietnamese diacritic or đ/Đ.</summary>
    public static bool HasDiacritics(string text) => throw new NotImplementedException();

    /// <summary>Canonical ("new style", e.g. hòa, thủy, khỏe) tone placement for one lower-case NFC syllable; qu/gi are initials.</summary>
    public static string CanonicalToneplacement(string syllable) => throw new NotImplementedException();

    /// <summary>NFC, canonical tone placement, single spaces, trimmed, lower case.</summary>
    public static string Canonicalize(string text) => throw new NotImplementedException();

    /// <summary>
    /// Detects text that is really TCVN3 or VNI read as Windows-1252 and decodes it.
    /// Returns false (and the input unchanged) for genuine Unicode Vietnamese such as "Lê Thị Ánh".
    /// </summary>
    public static bool TryDecodeLegacy(string text, out string decoded, out LegacyEncoding encoding) => throw new NotImplementedException();

    /// <summary>Encodes Unicode Vietnamese into a legacy encoding as it would look read as Windows-1252 (for test data and the generator).</summary>
    public static string EncodeLegacy(string text, LegacyEncoding encoding) => throw new NotImplementedException();
}
