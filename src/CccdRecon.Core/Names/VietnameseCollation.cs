using System.Text;

namespace CccdRecon.Core.Names;

/// <summary>
/// Vietnamese dictionary order (thứ tự từ điển tiếng Việt) as a sort key whose ordinal order is the Vietnamese order,
/// so lists sort the same on every machine whatever its ICU data, and a database can keep the key in a column.
/// </summary>
/// <remarks>
/// <para>The convention is the one of the Vietnamese Institute of Linguistics' dictionary (Hoàng Phê, <i>Từ điển tiếng
/// Việt</i>) and of CLDR's <c>vi</c> collation: letters in the order of the Vietnamese alphabet
/// a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f j w z placed where the Latin alphabet puts them), so
/// Đ comes after every D and before E; words compared one syllable at a time, each syllable first by its letters and
/// then by its tone in the order ngang, huyền, hỏi, ngã, sắc, nặng (a &lt; à &lt; ả &lt; ã &lt; á &lt; ạ), so "ba ba" comes
/// before "bà" and "bạ" before "bác".</para>
/// <para>Letter case, NFC/NFD and the placement of the tone mark (<c>Hoà</c>/<c>Hòa</c>) do not change the key;
/// punctuation separates words; a run of digits is compared as a number ("Số 57" before "Số 107"), numbers before
/// words. Letters outside Vietnamese sort after z by code point.</para>
/// <para>This machine's ICU <c>vi-VN</c> collation agrees on letters and tones, but compares a whole string's letters
/// before any tone (so it puts "bà" before "ba ba") and treats <c>Hoà</c> and <c>Hòa</c> as different strings; and an
/// invariant-globalization deployment has no Vietnamese collation at all.</para>
/// </remarks>
public static class VietnameseCollation
{
    /// <summary>The Vietnamese alphabet with the four letters it borrows, in order.</summary>
    public const string Alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

    private const char WordSeparator = '\u0001';
    private const char ToneBase = '\u0002';    // + 0…5: the syllable's tone, right after its letters
    private const char NumberMark = '\u0010';  // then the digit count, then the digits: numbers sort before words
    private const char DigitBase = '\u0030';
    private const char LengthBase = '\u0020';
    private const char LetterBase = '\u0100';  // + position in Alphabet
    private const char OtherMark = '\u01FF';   // then the character itself: after every Vietnamese letter

    // VietnameseLetters numbers tones 0 ngang, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng; dictionaries order them
    // ngang, huyền, hỏi, ngã, sắc, nặng.
    private static readonly int[] ToneRank = [0, 1, 4, 2, 3, 5];

    /// <summary>Compares two texts in Vietnamese order; texts with equal keys are ordered by code point so the order is total.</summary>
    public static IComparer<string?> Comparer { get; } = new VietnameseComparer();

    /// <summary>Vietnamese order of two texts (null and empty first).</summary>
    public static int Compare(string? x, string? y) => Comparer.Compare(x, y);

    /// <summary>The key whose ordinal order (<see cref="string.CompareOrdinal(string, string)"/>) is the Vietnamese order of the texts.</summary>
    public static string SortKey(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        text = VietnameseText.ToNfc(text);
        var key = new StringBuilder(text.Length + 8);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsAsciiDigit(c))
            {
                int start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                AppendNumber(key, text.AsSpan(start, i - start));
                continue;
            }

            if (!IsWordChar(c))
            {
                i++;
                continue;
            }

            int wordStart = i;
            while (i < text.Length && IsWordChar(text[i]) && !char.IsAsciiDigit(text[i])) i++;
            AppendWord(key, text.AsSpan(wordStart, i - wordStart));
        }

        return key.ToString();
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.IsSurrogate(c) || c is >= '\u0300' and <= '\u036F';

    private static void AppendNumber(StringBuilder key, ReadOnlySpan<char> digits)
    {
        var significant = digits.TrimStart('0');
        if (significant.IsEmpty) significant = "0";
        if (key.Length > 0) key.Append(WordSeparator);
        key.Append(NumberMark).Append((char)(LengthBase + Math.Min(significant.Length, 0xDF)));
        foreach (char d in significant) key.Append((char)(DigitBase + (d - '0')));
    }

    private static void AppendWord(StringBuilder key, ReadOnlySpan<char> word)
    {
        if (key.Length > 0) key.Append(WordSeparator);
        int tone = 0;
        foreach (char c in word)
        {
            if (VietnameseLetters.TryVowel(c, out int row, out int t, out _))
            {
                if (t != 0 && tone == 0) tone = ToneRank[t];
                key.Append((char)(LetterBase + Alphabet.IndexOf(VietnameseLetters.Bases[row], StringComparison.Ordinal)));
                continue;
            }

            char lower = c is 'Đ' or 'đ' ? 'đ' : VietnameseLetters.Fold(c);
            int position = lower < 0x80 || lower == 'đ' ? Alphabet.IndexOf(lower, StringComparison.Ordinal) : -1;
            if (position >= 0)
            {
                key.Append((char)(LetterBase + position));
            }
            else if (c is >= '\u0300' and <= '\u036F')
            {
                // A combining mark NFC could not attach (after a consonant, say): no weight of its own.
            }
            else
            {
                key.Append(OtherMark).Append(LetterCase.ToLower(c));
            }
        }

        key.Append((char)(ToneBase + tone));
    }

    private sealed class VietnameseComparer : IComparer<string?>
    {
        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            int byKey = string.CompareOrdinal(SortKey(x), SortKey(y));
            return byKey != 0 ? byKey : string.CompareOrdinal(x, y);
        }
    }
}
