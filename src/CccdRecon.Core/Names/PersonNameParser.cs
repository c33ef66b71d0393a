using System.Text;

namespace CccdRecon.Core.Names;

/// <summary>
/// The parsing behind <see cref="PersonName.Parse"/>. One pass over the characters into stack buffers; the
/// legacy-encoding and NFC paths only run when the scan saw characters that call for them, so an ordinary NFC
/// name costs a handful of allocations (the strings it returns) and no regex.
/// </summary>
internal static class PersonNameParser
{
    [Flags]
    private enum Steps
    {
        None = 0,
        Tcvn3 = 1,
        Vni = 2,
        Nfc = 4,
        Tone = 8,
        Case = 16,
        Spacing = 32,
        NoDiacritics = 64,
        Punctuation = 128,
        LookAlikeD = 256,
    }

    private static readonly string[] StepWords =
        ["decoded from TCVN3", "decoded from VNI", "Unicode NFD to NFC", "tone-mark placement", "letter case", "spacing", "no diacritics", "punctuation", "Ð read as Đ"];

    // One shared list per combination of steps: parsing millions of names allocates none of them twice.
    private static readonly IReadOnlyList<string>?[] StepLists = new IReadOnlyList<string>?[512];

    private const int StackChars = 256;

    internal static PersonName Parse(string? raw) => Parse(raw, foldedOnly: false, alternatives: true);

    /// <summary>
    /// The <see cref="PersonName.FoldedKey"/> that <see cref="Parse(string?)"/> gives, or null when the name is
    /// unreadable, without building the rest: a registry keeps its parents' names only folded, for every record.
    /// </summary>
    internal static string? FoldedKey(string? raw) => Parse(raw, foldedOnly: true, alternatives: false) is { IsReadable: true } name ? name.FoldedKey : null;

    internal static PersonName Parse(string? raw, bool foldedOnly, bool alternatives)
    {
        if (raw is null) return PersonName.Unreadable("", "empty");
        var text = raw.AsSpan().Trim();
        if (text.IsEmpty) return PersonName.Unreadable(raw, "empty");
        if (text.Length > PersonName.MaxLength) return PersonName.Unreadable(raw, $"longer than {PersonName.MaxLength} characters");

        var steps = text.Length != raw.Length ? Steps.Spacing : Steps.None;
        bool nonAscii = false, combining = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                if ((c < 0x20 && c != '\t') || c == 0x7F) return PersonName.Unreadable(raw, "contains control characters");
                continue;
            }

            nonAscii = true;
            if (c <= 0x9F) return PersonName.Unreadable(raw, "contains control characters");
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
                else return PersonName.Unreadable(raw, "contains invalid Unicode (a lone surrogate)");
            }
            else if (c is >= '\u0300' and <= '\u036F')
            {
                combining = true;
            }
        }

        var encoding = LegacyEncoding.None;
        (string Text, LegacyEncoding Encoding)? alternative = null;
        if (nonAscii && !combining && LegacyVietnamese.IsCandidate(text))
        {
            if (LegacyVietnamese.TryDecode(text.ToString(), out var decoded, out encoding, out alternative))
            {
                text = decoded;
                steps |= encoding == LegacyEncoding.Tcvn3 ? Steps.Tcvn3 : Steps.Vni;
            }
        }

        if (combining)
        {
            var keyed = text.ToString();
            string composed;
            try
            {
                composed = MarksInWritingOrder(keyed.Normalize(NormalizationForm.FormD)).Normalize(NormalizationForm.FormC);
            }
            catch (ArgumentException)
            {
                // Noncharacters (U+FFFE, U+FFFF) pass the scan above but cannot be normalized.
                return PersonName.Unreadable(raw, "contains invalid Unicode (a noncharacter)");
            }

            if (!string.Equals(keyed, composed, StringComparison.Ordinal)) steps |= Steps.Nfc;
            text = composed;
        }

        if (VietnameseLetters.HasLookAlikeD(text))
        {
            text = VietnameseLetters.ReplaceLookAlikeD(text);
            steps |= Steps.LookAlikeD;
        }

        var name = Build(raw, text, steps, encoding, foldedOnly);
        if (alternatives && alternative is { } other && name.IsReadable && !foldedOnly)
        {
            var otherSteps = steps | (other.Encoding == LegacyEncoding.Tcvn3 ? Steps.Tcvn3 : Steps.Vni);
            if (Build(raw, other.Text, otherSteps, other.Encoding, foldedOnly: false) is { IsReadable: true } read) name.Alternative = read;
        }

        return name;
    }

    // Vowel-quality marks (circumflex, breve) and tone marks share a combining class, so Unicode keeps their keyed order,
    // and NFC composes only the first with its letter: "LO\u0301\u0302C" stays "LÓ̂C". Some keyboards type the tone first.
    private const string QualityMarks = "\u0302\u0306";
    private const string ToneMarks = "\u0300\u0301\u0303\u0309";

    /// <summary>Puts a vowel's quality mark before its tone mark in decomposed text, the order NFC composes ("Ó" + "̂" → "Ố").</summary>
    private static string MarksInWritingOrder(string text)
    {
        char[]? chars = null;
        for (int i = 1; i < text.Length; i++)
        {
            var current = chars is null ? text[i] : chars[i];
            var previous = chars is null ? text[i - 1] : chars[i - 1];
            if (QualityMarks.Contains(current) && ToneMarks.Contains(previous))
            {
                chars ??= text.ToCharArray();
                (chars[i - 1], chars[i]) = (current, previous);
            }
        }

        return chars is null ? text : new string(chars);
    }

    private static PersonName Build(string raw, ReadOnlySpan<char> text, Steps steps, LegacyEncoding encoding, bool foldedOnly)
    {
        Span<char> key = text.Length <= StackChars ? stackalloc char[text.Length] : new char[text.Length];
        Span<int> starts = stackalloc int[text.Length / 2 + 1];
        Span<int> ends = stackalloc int[text.Length / 2 + 1];
        int length = 0, words = 0, letters = 0, digits = 0, others = 0;
        bool inWord = false, titlePosition = true, previousSpace = false;

        foreach (char c in text)
        {
            if (c == ' ' || char.IsWhiteSpace(c))
            {
                if (c != ' ' || previousSpace) steps |= Steps.Spacing;
                previousSpace = true;
                if (inWord) ends[words++] = length;
                inWord = false;
                continue;
            }

            previousSpace = false;
            if (!inWord)
            {
                if (length > 0) key[length++] = ' ';
                starts[words] = length;
                inWord = true;
                titlePosition = true;
            }

            if (c is '\'' or '\u2019' or '\u02BC' or '\u2018')
            {
                // Ê-đê and Gia-rai names (H'Hen, Y'Moan) keep an apostrophe; the typographic ones mean the same.
                if (c != '\'') steps |= Steps.Punctuation;
                key[length++] = '\'';
                titlePosition = true;
            }
            else if (char.IsLetter(c))
            {
                letters++;
                char lower = LetterCase.ToLower(c);
                if (c != (titlePosition ? LetterCase.ToUpper(lower) : lower)) steps |= Steps.Case;
                key[length++] = lower;
                titlePosition = false;
            }
            else if (c == '-')
            {
                key[length++] = '-';
                titlePosition = true;
            }
            else if (char.IsDigit(c))
            {
                digits++;
            }
            else
            {
                others++;
            }
        }

        if (inWord) ends[words++] = length;
        if (letters == 0) return PersonName.Unreadable(raw, "no letters");
        if (digits > 0) return PersonName.Unreadable(raw, "contains digits");
        if (others > 0) return PersonName.Unreadable(raw, "contains characters that are not letters");

        key = key[..length];
        if (foldedOnly)
        {
            // Folding drops tone marks, so where the tone sits does not matter here.
            Span<char> plain = length <= StackChars ? stackalloc char[length] : new char[length];
            for (int i = 0; i < length; i++) plain[i] = VietnameseLetters.Fold(key[i]);
            return PersonName.FoldedOnly(raw, new string(plain));
        }

        for (int w = 0; w < words; w++)
        {
            if (VietnameseLetters.PlaceToneCanonically(key[starts[w]..ends[w]])) steps |= Steps.Tone;
        }

        Span<char> folded = length <= StackChars ? stackalloc char[length] : new char[length];
        // A name is written with diacritics when a vowel carries a mark. Đ is a consonant of its own, kept on keyboards that
        // type no marks ("NGUYEN VAN ĐAT"): with no marked vowel the name was typed without diacritics and compares folded.
        bool hasMarks = false, hasMarkedVowel = false;
        for (int i = 0; i < length; i++)
        {
            char c = key[i];
            if (VietnameseLetters.HasDiacritic(c))
            {
                hasMarks = true;
                hasMarkedVowel |= c is not ('đ' or 'Đ');
            }

            folded[i] = VietnameseLetters.Fold(c);
        }

        if (!hasMarkedVowel) steps |= Steps.NoDiacritics;

        var keyString = new string(key);
        var syllables = new string[words];
        for (int w = 0; w < words; w++) syllables[w] = SyllablePool.Get(key[starts[w]..ends[w]]);

        string foldedKey = keyString;
        string[] foldedSyllables = syllables;
        if (hasMarks)
        {
            foldedKey = new string(folded);
            foldedSyllables = new string[words];
            for (int w = 0; w < words; w++) foldedSyllables[w] = SyllablePool.Get(folded[starts[w]..ends[w]]);
        }

        return PersonName.Create(raw, syllables, foldedSyllables, keyString, foldedKey, hasMarkedVowel, encoding, Describe(steps));
    }

    private static IReadOnlyList<string> Describe(Steps steps)
    {
        int index = (int)steps;
        var cached = StepLists[index];
        if (cached is not null) return cached;

        var words = new List<string>(4);
        for (int bit = 0; bit < StepWords.Length; bit++)
        {
            if ((index & (1 << bit)) != 0) words.Add(StepWords[bit]);
        }

        IReadOnlyList<string> list = words.AsReadOnly();
        StepLists[index] = list;
        return list;
    }
}
