using System.Text;

namespace CccdRecon.Core.Names;

/// <summary>Low-level Vietnamese text operations shared by names, places and keys. None of them throws.</summary>
public static class VietnameseText
{
    /// <summary>Lower case, diacritics removed, đ→d, NFC in, ASCII-ish out. "Đặng Thị Ánh" → "dang thi anh".</summary>
    public static string Fold(string text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        text = ToNfc(text);
        return string.Create(text.Length, text, static (dest, source) =>
        {
            for (int i = 0; i < source.Length; i++) dest[i] = VietnameseLetters.Fold(source[i]);
        });
    }

    /// <summary>True when a vowel of the text carries a Vietnamese mark (tone or quality); đ alone does not count.</summary>
    public static bool HasMarkedVowel(string text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (char c in text)
        {
            if ((VietnameseLetters.HasDiacritic(c) && c is not ('đ' or 'Đ')) || c is >= '\u0300' and <= '\u036F') return true;
        }

        return false;
    }

    /// <summary>True when the text contains any Vietnamese diacritic or đ/Đ.</summary>
    public static bool HasDiacritics(string text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (char c in text)
        {
            if (VietnameseLetters.HasDiacritic(c) || c is >= '\u0300' and <= '\u036F') return true;
        }

        return false;
    }

    /// <summary>Canonical ("new style", e.g. hòa, thủy, khỏe) tone placement for one lower-case NFC syllable; qu/gi are initials.</summary>
    /// <remarks>The letter case of each position is kept, so "HOÀ" gives "HÒA".</remarks>
    public static string CanonicalToneplacement(string syllable)
    {
        if (string.IsNullOrEmpty(syllable)) return "";
        Span<char> buffer = syllable.Length <= 64 ? stackalloc char[syllable.Length] : new char[syllable.Length];
        LetterCase.ToLower(syllable, buffer);
        if (!VietnameseLetters.PlaceToneCanonically(buffer)) return syllable;
        for (int i = 0; i < buffer.Length; i++)
        {
            if (char.IsUpper(syllable[i])) buffer[i] = LetterCase.ToUpper(buffer[i]);
        }

        return new string(buffer);
    }

    /// <summary>NFC, canonical tone placement, single spaces, trimmed, lower case.</summary>
    public static string Canonicalize(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        text = ToNfc(text);
        var sb = new StringBuilder(text.Length);
        Span<char> word = stackalloc char[64];
        foreach (var range in text.AsSpan().SplitAny(Whitespace))
        {
            var part = text.AsSpan(range);
            if (part.IsEmpty) continue;
            if (sb.Length > 0) sb.Append(' ');
            var lower = part.Length <= word.Length ? word[..part.Length] : new char[part.Length];
            LetterCase.ToLower(part, lower);
            VietnameseLetters.PlaceToneCanonically(lower);
            sb.Append(lower);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Detects text that is really TCVN3 or VNI read as Windows-1252 and decodes it.
    /// Returns false (and the input unchanged) for genuine Unicode Vietnamese such as "Lê Thị Ánh".
    /// </summary>
    /// <remarks>
    /// TCVN3 capitals of toned letters share the lower-case bytes, so case is restored from context: a text
    /// whose visible letters are all capitals decodes to capitals, otherwise each word is title-cased.
    /// </remarks>
    public static bool TryDecodeLegacy(string text, out string decoded, out LegacyEncoding encoding)
    {
        if (string.IsNullOrEmpty(text))
        {
            decoded = text ?? "";
            encoding = LegacyEncoding.None;
            return false;
        }

        return LegacyVietnamese.TryDecode(text, out decoded, out encoding);
    }

    /// <summary>Encodes Unicode Vietnamese into a legacy encoding as it would look read as Windows-1252 (for test data and the generator).</summary>
    /// <remarks>TCVN3 loses the case of toned capitals (Ứ and ứ share a byte), exactly as the old fonts did.</remarks>
    public static string EncodeLegacy(string text, LegacyEncoding encoding) => LegacyVietnamese.Encode(text, encoding);

    /// <summary>Title case for a lower-case syllable: first letter and any letter after an apostrophe or hyphen ("h'hen" → "H'Hen").</summary>
    public static string ToTitleCase(string syllable)
    {
        if (string.IsNullOrEmpty(syllable)) return "";
        return string.Create(syllable.Length, syllable, static (dest, source) =>
        {
            source.AsSpan().CopyTo(dest);
            TitleCaseInPlace(dest);
        });
    }

    internal static void TitleCaseInPlace(Span<char> text)
    {
        bool start = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is ' ' or '\'' or '-')
            {
                start = true;
                continue;
            }

            text[i] = start ? LetterCase.ToUpper(c) : LetterCase.ToLower(c);
            start = false;
        }
    }

    private static readonly System.Buffers.SearchValues<char> Whitespace =
        System.Buffers.SearchValues.Create(" \t\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000\r\n");

    /// <summary>NFC, with the look-alikes of Đ/đ (Ð, ð: see <see cref="VietnameseLetters.HasLookAlikeD"/>) read as Đ/đ.</summary>
    internal static string ToNfc(string text)
    {
        if (VietnameseLetters.HasLookAlikeD(text)) text = VietnameseLetters.ReplaceLookAlikeD(text);
        foreach (char c in text)
        {
            if (c is >= '\u0300' and <= '\u036F') return SafeNormalize(text);
        }

        return text;
    }

    private static string SafeNormalize(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalized; the text stays as keyed.
            return text;
        }
    }
}
