using System.Text;

namespace CccdRecon.Core.Names;

/// <summary>
/// Character tables for Vietnamese letters (chữ cái tiếng Việt): each vowel as base + tone, folding, and
/// the syllable structure rules (âm đầu, vần, âm cuối) used for tone placement and plausibility checks.
/// Flat arrays indexed by code unit keep the per-character hot path free of hashing.
/// </summary>
internal static class VietnameseLetters
{
    /// <summary>The twelve vowel letters without tone; a row index below refers to this order.</summary>
    internal const string Bases = "aăâeêioôơuưy";

    // Each row: the base vowel, then huyền, sắc, hỏi, ngã, nặng.
    private static readonly string[] ToneRows =
    [
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
    ];

    internal const int RowA = 0, RowE = 3, RowI = 5, RowO = 6, RowU = 9, RowY = 11;

    private const int TableSize = 0x1F00;
    private const ushort UpperBit = 0x80;

    // 0 = not a Vietnamese vowel; otherwise (row + 1) | tone << 4 | UpperBit.
    private static readonly ushort[] VowelInfo = new ushort[TableSize];

    // Lower-case letter with every diacritic removed and đ→d; '\0' when the code unit is not a known letter.
    private static readonly char[] FoldMap = new char[TableSize];

    // True for letters that carry a diacritic (tone, vowel mark or the stroke of đ).
    private static readonly bool[] MarkedLetter = new bool[TableSize];

    private static readonly HashSet<string> Initials =
        ["b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
         "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"];

    private static readonly HashSet<string> Finals = ["c", "ch", "m", "n", "ng", "nh", "p", "t"];

    // Vowel clusters of the rhyme (vần), tone removed; semivowel endings (-i, -y, -o, -u) included.
    private static readonly HashSet<string> Nuclei =
        ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
         "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi",
         "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê",
         "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu"];

    private static readonly HashSet<string> RareNuclei = ["oo", "oao", "oeo", "uyu", "ươu", "uơ"];

    private static readonly HashSet<string> OpenNuclei =
        ["ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi", "ưu",
         "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu"];

    private static readonly HashSet<string> ClosedNuclei = ["ă", "â", "oă", "uâ", "iê", "yê", "uô", "ươ", "uyê"];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OpenNucleusLookup = OpenNuclei.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ClosedNucleusLookup = ClosedNuclei.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RareNucleusLookup = RareNuclei.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> InitialLookup = Initials.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FinalLookup = Finals.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NucleusLookup = Nuclei.GetAlternateLookup<ReadOnlySpan<char>>();

#pragma warning disable CA1810 // the tables depend on each other; one static constructor keeps the order explicit
    static VietnameseLetters()
#pragma warning restore CA1810
    {
        // Latin-1 Supplement and Latin Extended-A/B: fold by canonical decomposition (ñ→n, ü→u…).
        for (int c = 0xC0; c < 0x250; c++)
        {
            var ch = (char)c;
            if (!char.IsLetter(ch)) continue;
            var first = LetterCase.ToLower(ch.ToString().Normalize(NormalizationForm.FormD)[0]);
            if (first < 0x80 && char.IsLetter(first))
            {
                FoldMap[c] = first;
                MarkedLetter[c] = true;
            }
        }

        FoldMap['đ'] = FoldMap['Đ'] = 'd';
        MarkedLetter['đ'] = MarkedLetter['Đ'] = true;
        foreach (var (lookAlike, _) in LookAlikeD)
        {
            FoldMap[lookAlike] = 'd';
            MarkedLetter[lookAlike] = true;
        }

        for (int row = 0; row < ToneRows.Length; row++)
        {
            char plain = "aaaeeiooouuy"[row];
            for (int tone = 0; tone < 6; tone++)
            {
                char lower = ToneRows[row][tone];
                char upper = LetterCase.ToUpper(lower);
                VowelInfo[lower] = (ushort)((row + 1) | tone << 4);
                VowelInfo[upper] = (ushort)((row + 1) | tone << 4 | UpperBit);
                FoldMap[lower] = FoldMap[upper] = plain;
                bool marked = row != 0 && Bases[row] != plain || tone != 0;
                MarkedLetter[lower] = MarkedLetter[upper] = marked;
            }
        }

        for (char c = 'a'; c <= 'z'; c++)
        {
            FoldMap[c] = c;
            FoldMap[LetterCase.ToUpper(c)] = c;
        }
    }

    /// <summary>Splits a Vietnamese vowel into its row (see <see cref="Bases"/>) and tone (0 none, 1 huyền … 5 nặng).</summary>
    internal static bool TryVowel(char c, out int row, out int tone, out bool upper)
    {
        ushort info = c < TableSize ? VowelInfo[c] : (ushort)0;
        row = (info & 0xF) - 1;
        tone = (info >> 4) & 0x7;
        upper = (info & UpperBit) != 0;
        return info != 0;
    }

    internal static bool IsVowel(char c) => c < TableSize && VowelInfo[c] != 0;

    internal static int RowOf(char c) => c < TableSize ? (VowelInfo[c] & 0xF) - 1 : -1;

    internal static char Compose(int row, int tone, bool upper)
    {
        char c = ToneRows[row][tone];
        return upper ? LetterCase.ToUpper(c) : c;
    }

    /// <summary>The vowel quality marks (ă â ê ô ơ ư) attract the tone before any positional rule.</summary>
    internal static bool IsMarkedRow(int row) => row is 1 or 2 or 4 or 7 or 8 or 10;

    /// <summary>Lower case without diacritics, đ→d; letters the table does not know are only lower-cased.</summary>
    internal static char Fold(char c)
    {
        if (c < 0x80) return c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
        char f = c < TableSize ? FoldMap[c] : '\0';
        return f != '\0' ? f : LetterCase.ToLower(c);
    }

    /// <summary>
    /// Letters drawn like Đ that are not Đ: the Icelandic eth Ð/ð (U+00D0/U+00F0: Windows-1258's Đ read as Windows-1252,
    /// and what many name lists and Latin-1 keyboards hold) and the African D Ɖ/ɖ. Vietnamese has no such letters, so
    /// each is read as Đ/đ: a cosmetic difference, never a spelling one.
    /// </summary>
    private static readonly (char LookAlike, char D)[] LookAlikeD = [('\u00D0', 'Đ'), ('\u00F0', 'đ'), ('\u0189', 'Đ'), ('\u0256', 'đ')];

    internal static bool HasLookAlikeD(ReadOnlySpan<char> text) => text.IndexOfAny("\u00D0\u00F0\u0189\u0256") >= 0;

    /// <summary>The text with every look-alike of Đ/đ (see <see cref="LookAlikeD"/>) replaced by Đ/đ.</summary>
    internal static string ReplaceLookAlikeD(ReadOnlySpan<char> text)
    {
        var chars = text.ToArray();
        for (int i = 0; i < chars.Length; i++)
        {
            foreach (var (lookAlike, d) in LookAlikeD)
            {
                if (chars[i] == lookAlike) chars[i] = d;
            }
        }

        return new string(chars);
    }

    internal static bool HasDiacritic(char c) => c >= 0xC0 && c < TableSize && MarkedLetter[c];

    /// <summary>True for the Latin-1 letters that occur in Unicode Vietnamese (à á â ã è é ê ì í ò ó ô õ ù ú ý).</summary>
    internal static bool IsVietnameseLatin1Letter(char c) => c is >= (char)0xC0 and <= (char)0xFF && IsVowel(c);

    /// <summary>
    /// Moves the tone mark of one syllable to its canonical vowel: a vowel-quality mark wins (the last one: ươ → ơ),
    /// then the last vowel before a final consonant, the middle of three vowels, else the first of two
    /// (hòa, khỏe, thủy). "qu" and "gi" are initials, so Quý, Già, Quỳnh, Giàu keep their tone.
    /// Returns false (and leaves the span alone) when nothing moves or the syllable is not Vietnamese-shaped.
    /// </summary>
    internal static bool PlaceToneCanonically(Span<char> s)
    {
        if (!TryLocateTone(s, out int toneAt, out int tone, out int target, out _) || target == toneAt) return false;
        TryVowel(s[toneAt], out int fromRow, out _, out bool fromUpper);
        TryVowel(s[target], out int toRow, out _, out bool toUpper);
        s[toneAt] = Compose(fromRow, 0, fromUpper);
        s[target] = Compose(toRow, tone, toUpper);
        return true;
    }

    /// <summary>
    /// Finds where the single tone mark of a syllable is and where it belongs. <paramref name="alternative"/> is the
    /// other accepted spelling for open oa/oe/uy (hoà beside hòa), otherwise equal to <paramref name="target"/>.
    /// False when there is no tone, more than one, or the syllable is not Vietnamese-shaped.
    /// </summary>
    private static bool TryLocateTone(ReadOnlySpan<char> s, out int toneAt, out int tone, out int target, out int alternative)
    {
        toneAt = target = alternative = -1;
        tone = 0;
        int vowels = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (!TryVowel(s[i], out _, out int t, out _)) continue;
            vowels++;
            if (t == 0) continue;
            if (toneAt >= 0) return false;
            toneAt = i;
            tone = t;
        }

        if (tone == 0 || !TrySplit(s, out int start, out int end) || !IsKnownNucleus(s[start..end])) return false;
        if (vowels < 2)
        {
            target = alternative = toneAt;
            return true;
        }

        for (int i = end - 1; i >= start; i--)
        {
            if (IsMarkedRow(RowOf(s[i])))
            {
                target = alternative = i;
                return true;
            }
        }

        int length = end - start;
        target = end < s.Length ? end - 1 : length == 3 ? start + 1 : start;
        alternative = target;
        if (end == s.Length && length == 2)
        {
            int first = RowOf(s[start]), second = RowOf(s[start + 1]);
            bool oaOeUy = (first == RowO && second is RowA or RowE) || (first == RowU && second == RowY);
            if (oaOeUy) alternative = start + 1;
        }

        return true;
    }

    /// <summary>
    /// How plausible a lower-case word is as a syllable of a name: 0 not a syllable, 1 a syllable with its tone on an
    /// unusual vowel ("taù") or a rhyme names do not use ("coõng"), 2 otherwise (hoà and hòa both count).
    /// </summary>
    internal static int Plausibility(ReadOnlySpan<char> s)
    {
        if (!IsValidSyllable(s)) return 0;
        if (TrySplit(s, out int start, out int end) && IsRareNucleus(s[start..end])) return 1;
        if (!TryLocateTone(s, out int toneAt, out _, out int target, out int alternative)) return 2;
        return toneAt == target || toneAt == alternative ? 2 : 1;
    }

    /// <summary>True when the lower-case syllable is a well-formed Vietnamese syllable (initial, rhyme, final, one tone).</summary>
    internal static bool IsValidSyllable(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > 8) return false;
        if (!TrySplit(s, out int start, out int end)) return false;
        if (start > 0 && !InitialLookup.Contains(s[..start])) return false;
        if (end < s.Length && !FinalLookup.Contains(s[end..])) return false;

        int tones = 0, tone = 0;
        for (int i = 0; i < end; i++)
        {
            // A tone on the u of qu or the i of gi is misplaced, not invalid; it still counts.
            if (TryVowel(s[i], out _, out int t, out _) && t != 0)
            {
                tones++;
                tone = t;
            }
        }

        if (tones > 1 || !IsKnownNucleus(s[start..end])) return false;

        // Rhymes ending in a semivowel (ai, au, ươi…) take no final consonant; iê, uô, ươ, ă, â need one;
        // a stop final (c, ch, p, t) carries only sắc or nặng.
        bool hasFinal = end < s.Length;
        var nucleus = s[start..end];
        if (hasFinal ? InNucleusSet(nucleus, OpenNucleusLookup) : InNucleusSet(nucleus, ClosedNucleusLookup)) return false;

        // A lone y ends its syllable (Mỹ, Kỳ); before a final it needs the u of uy or qu (Huỳnh, Quỳnh).
        if (hasFinal && nucleus.Length == 1 && RowOf(nucleus[0]) == RowY && !(start == 2 && s[0] == 'q')) return false;
        return !hasFinal || !IsStop(s[end..]) || tone is 0 or 2 or 5;
    }

    private static bool IsStop(ReadOnlySpan<char> final) => final is "c" or "ch" or "p" or "t";

    /// <summary>True when the vowels, tone ignored, form a Vietnamese rhyme nucleus (oa, ươ, uyê…).</summary>
    private static bool IsKnownNucleus(ReadOnlySpan<char> vowels) => InNucleusSet(vowels, NucleusLookup);

    /// <summary>Rhymes found in loanwords and interjections (xoong, ngoẻo, khuỷu) but hardly ever in a name.</summary>
    private static bool IsRareNucleus(ReadOnlySpan<char> vowels) => InNucleusSet(vowels, RareNucleusLookup);

    private static bool InNucleusSet(ReadOnlySpan<char> vowels, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> set)
    {
        Span<char> bases = stackalloc char[3];
        for (int i = 0; i < vowels.Length; i++) bases[i] = Bases[RowOf(vowels[i])];
        return set.Contains(bases[..vowels.Length]);
    }

    /// <summary>Finds the vowel nucleus [start, end) after the initial, treating qu and gi as initials.</summary>
    private static bool TrySplit(ReadOnlySpan<char> s, out int start, out int end)
    {
        start = 0;
        while (start < s.Length && !IsVowel(s[start])) start++;
        end = start;
        if (start == s.Length) return false;

        if (start + 1 < s.Length && IsVowel(s[start + 1]))
        {
            int row = RowOf(s[start]);
            if (start == 1 && ((s[0] == 'q' && row == RowU) || (s[0] == 'g' && row == RowI))) start++;
        }

        end = start;
        while (end < s.Length && IsVowel(s[end])) end++;
        if (end - start > 3) return false;
        for (int i = end; i < s.Length; i++)
        {
            if (IsVowel(s[i]) || !char.IsAsciiLetterLower(s[i])) return false;
        }

        return true;
    }
}
