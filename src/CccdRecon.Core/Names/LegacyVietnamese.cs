using System.Text;

namespace CccdRecon.Core.Names;

/// <summary>
/// TCVN3 (ABC) and VNI Windows text that was read as Windows-1252 (bảng mã cũ), in both directions.
/// Detection weighs evidence instead of trusting a single byte: the text is decoded only when its Unicode
/// reading is not Vietnamese (a character no Vietnamese name contains, or a word that is not a syllable)
/// while the decoded reading consists of valid Vietnamese syllables. Genuine names therefore stay as they are.
/// </summary>
internal static class LegacyVietnamese
{
    // TCVN3 (VN3 fonts): the seven capitals with vowel marks, then the lower-case letters. Toned capitals
    // come from a separate font (.VnTimeH) that reuses the lower-case bytes, so they decode to lower case.
    private const string Tcvn3Capitals = "ĂÂÊÔƠƯĐ";   // 0xA1..0xA7
    private const string Tcvn3Marked = "ăâêôơưđ";     // 0xA8..0xAE

    private static readonly (int Byte, string Letters)[] Tcvn3Toned =
    [
        (0xB5, "àảãáạ"), (0xBB, "ằẳẵắ"), (0xC6, "ặầẩẫấậ"), (0xCC, "è"), (0xCE, "ẻẽéẹềểễếệìỉ"),
        (0xDC, "ĩíịò"), (0xE1, "ỏõóọồổỗốộờởỡớợù"), (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
    ];

    private static readonly char[] Tcvn3ToUnicode = new char[256];
    private static readonly Dictionary<char, char> UnicodeToTcvn3 = [];

    // VNI Windows, lower-case bytes; the capital form of each is the byte 0x20 lower (Ù for ù, Â for â…).
    private const char VniAcute = 'ù', VniGrave = 'ø', VniHook = 'û', VniTilde = 'õ', VniDot = 'ï';
    private const string VniToneMarks = "øùûõï";           // huyền, sắc, hỏi, ngã, nặng after a vowel
    private const string VniCircumflex = "âàáåãä";         // ^ then ^ with huyền, sắc, hỏi, ngã, nặng
    private const string VniBreve = "êèéúüë";              // ˘ then ˘ with huyền, sắc, hỏi, ngã, nặng
    private const string VniLetterI = "ìíæóò";             // ì í ỉ ĩ ị are single glyphs
    private const char VniHornO = 'ô', VniHornU = 'ö', VniStrokeD = 'ñ', VniYDot = 'î';

    // Windows-1252 characters above 0xFF: they pass through decoding unchanged (quotes, dashes…).
    private const string Cp1252Extras = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

#pragma warning disable CA1810 // the tables depend on each other; one static constructor keeps the order explicit
    static LegacyVietnamese()
#pragma warning restore CA1810
    {
        for (int i = 0; i < 7; i++)
        {
            Tcvn3ToUnicode[0xA1 + i] = Tcvn3Capitals[i];
            Tcvn3ToUnicode[0xA8 + i] = Tcvn3Marked[i];
        }

        foreach (var (first, letters) in Tcvn3Toned)
        {
            for (int i = 0; i < letters.Length; i++) Tcvn3ToUnicode[first + i] = letters[i];
        }

        for (int b = 0xA1; b < 256; b++)
        {
            char u = Tcvn3ToUnicode[b];
            if (u == '\0') continue;
            UnicodeToTcvn3[u] = (char)b;
            char upper = LetterCase.ToUpper(u);
            UnicodeToTcvn3.TryAdd(upper, (char)b);
        }
    }

    /// <summary>True when the text could be legacy bytes read as Windows-1252: nothing outside that repertoire, something outside ASCII.</summary>
    internal static bool IsCandidate(ReadOnlySpan<char> text)
    {
        bool nonAscii = false;
        foreach (char c in text)
        {
            if (c < 0x80) continue;
            if (c > 0xFF && !Cp1252Extras.Contains(c)) return false;
            nonAscii = true;
        }

        return nonAscii;
    }

    internal static bool TryDecode(string text, out string decoded, out LegacyEncoding encoding) =>
        TryDecode(text, out decoded, out encoding, out _);

    /// <summary>
    /// As <see cref="TryDecode(string, out string, out LegacyEncoding)"/>; when the text reads both as Unicode
    /// Vietnamese and as a valid legacy decoding without a clue to choose ("Hoà Bình Minh" is Hòa Bình Minh, and VNI for
    /// Hồ Bình Minh), the text stays as it is and <paramref name="alternative"/> is the decoding, for a comparison to try.
    /// </summary>
    internal static bool TryDecode(string text, out string decoded, out LegacyEncoding encoding, out (string Text, LegacyEncoding Encoding)? alternative)
    {
        decoded = text;
        encoding = LegacyEncoding.None;
        alternative = null;
        if (!IsCandidate(text)) return false;
        bool unicodePlausible = LooksLikeUnicodeVietnamese(text);

        string? tcvn3 = DecodeTcvn3(text);
        string? vni = DecodeVni(text);
        int tcvn3Score = tcvn3 is null ? -1 : PlausibleWords(text, tcvn3);
        int vniScore = vni is null ? -1 : PlausibleWords(text, vni);
        if (vniScore > 0) vniScore -= MiscasedWords(vni!);

        // A text that also reads as Unicode Vietnamese ("Phan Thò An") is decoded only on a name-shaped clue.
        if (unicodePlausible)
        {
            if (tcvn3Score >= 0 && tcvn3 != text)
                alternative = (tcvn3!, LegacyEncoding.Tcvn3);
            if (vniScore >= 0 && vni != text && (alternative is null || vniScore >= tcvn3Score))
                alternative = (vni!, LegacyEncoding.Vni);
            if (tcvn3Score >= 0 && !GainsNameSyllables(text, tcvn3!)) tcvn3Score = -1;
            if (vniScore >= 0 && !GainsNameSyllables(text, vni!)) vniScore = -1;
            if (tcvn3Score >= 0 || vniScore >= 0) alternative = null;
        }

        // A typo or a minority-language word leaves one word that is no syllable ("Ph¹m V¨n CihiÕn", "N«ng V¨n SlÝ"): when
        // the text cannot be Unicode Vietnamese, a decoding that turns most changed words into syllables still wins.
        if (tcvn3Score < 0 && vniScore < 0 && !unicodePlausible)
        {
            tcvn3Score = tcvn3 is null ? -1 : MostlySyllables(text, tcvn3);
            vniScore = vni is null ? -1 : MostlySyllables(text, vni);
            if (vniScore > 0) vniScore -= MiscasedWords(vni!);
        }

        if (tcvn3Score < 0 && vniScore < 0)
        {
            // Minority-language names (Ê Đê "Mlô", "Êya") are no syllables in any reading. A decoding into name-shaped
            // words is taken when the text cannot be read as it stands ("Y Moan Ml«"), and kept as another reading for
            // comparisons to try otherwise ("Y WANG ADRÔNG" is VNI for Adrơng, or a misspelt Unicode "Adrông").
            var tcvn3Shaped = tcvn3 is not null && tcvn3 != text && AllChangedWordsNameShaped(text, tcvn3);
            var vniShaped = vni is not null && vni != text && AllChangedWordsNameShaped(text, vni) && MiscasedWords(vni) == 0;
            if (!tcvn3Shaped && !vniShaped) return false;
            var pickVni = vniShaped && (!tcvn3Shaped || Plausibility(vni!) >= Plausibility(tcvn3!));
            var pick = pickVni ? (vni!, LegacyEncoding.Vni) : (tcvn3!, LegacyEncoding.Tcvn3);
            if (HasLegacyOnlyCharacter(text))
            {
                (decoded, encoding) = pick;
                return true;
            }

            alternative ??= pick;
            return false;
        }

        // On a tie VNI wins: its marks only attach to vowels, so a clean VNI decoding is the stronger evidence.
        if (tcvn3Score > vniScore)
        {
            decoded = tcvn3!;
            encoding = LegacyEncoding.Tcvn3;
        }
        else
        {
            decoded = vni!;
            encoding = LegacyEncoding.Vni;
        }

        return true;
    }

    /// <summary>
    /// The Unicode reading is plausible when every non-ASCII character is a Vietnamese letter and every word
    /// containing one is a valid syllable ("Lê Thi Ánh"). ASCII-only words say nothing either way.
    /// </summary>
    private static bool LooksLikeUnicodeVietnamese(string text)
    {
        foreach (char c in text)
        {
            if (c >= 0x80 && !char.IsWhiteSpace(c) && !VietnameseLetters.IsVietnameseLatin1Letter(c)) return false;
        }

        foreach (var range in Words(text))
        {
            var word = text.AsSpan(range);
            if (!HasNonAscii(word)) continue;
            if (HasCapitalAfterSmall(word) || HasCapitalInsideSmallWord(word)) return false;
            if (Plausibility(word) < 2) return false;
        }

        return true;
    }

    /// <summary>
    /// How Vietnamese the decoded text reads (the sum of each word's plausibility: valid syllable, tone where
    /// writers put it), or -1 when a word that the decoding changed is not a syllable (then the decoding is wrong).
    /// The tone position separates the rare texts both encodings can decode: VNI "Taï" is Tạ, not TCVN3 "Taù".
    /// </summary>
    private static int PlausibleWords(string original, string decoded)
    {
        var originalWords = Words(original);
        var decodedWords = Words(decoded);
        if (originalWords.Count != decodedWords.Count) return -1;

        int score = 0;
        for (int i = 0; i < decodedWords.Count; i++)
        {
            var word = decoded.AsSpan(decodedWords[i]);
            int plausibility = Plausibility(word);
            if (plausibility == 0 && HasNonAscii(original.AsSpan(originalWords[i]))) return -1;
            score += plausibility;
            if (plausibility > 0 && IsNameSyllable(word)) score++;
        }

        return score;
    }

    /// <summary>
    /// The score of a decoding in which some changed words are not syllables, or -1 when it is not a plausible name: no
    /// changed word was a syllable as keyed, at least half of them (and at least one) become valid syllables, and the
    /// others are at least name-shaped (letters, đ only first, one tone mark at most, no capital after a small letter).
    /// </summary>
    private static int MostlySyllables(string original, string decoded)
    {
        var originalWords = Words(original);
        var decodedWords = Words(decoded);
        if (originalWords.Count != decodedWords.Count) return -1;
        int changed = 0, syllables = 0, score = 0;
        for (int i = 0; i < decodedWords.Count; i++)
        {
            var keyed = original.AsSpan(originalWords[i]);
            var word = decoded.AsSpan(decodedWords[i]);
            int plausibility = Plausibility(word);
            score += plausibility;
            if (keyed.SequenceEqual(word)) continue;
            // A word that already reads as a syllable ("Hòa" in "Th. Hòa Bình, H. Krông Pa") is not re-read on weak evidence.
            if (Plausibility(keyed) > 0) return -1;
            changed++;
            if (plausibility > 0) syllables++;
            else if (!NameShaped(word)) return -1;
        }

        return changed > 0 && syllables > 0 && 2 * syllables >= changed ? score : -1;
    }

    private static bool AllChangedWordsNameShaped(string original, string decoded)
    {
        var originalWords = Words(original);
        var decodedWords = Words(decoded);
        if (originalWords.Count != decodedWords.Count) return false;
        for (int i = 0; i < decodedWords.Count; i++)
        {
            var word = decoded.AsSpan(decodedWords[i]);
            var keyed = original.AsSpan(originalWords[i]);
            if (keyed.SequenceEqual(word)) continue;
            if (Plausibility(keyed) > 0 || !NameShaped(word)) return false;
        }

        return true;
    }

    /// <summary>The summed plausibility of the words of a text (see <see cref="Plausibility(ReadOnlySpan{char})"/>).</summary>
    private static int Plausibility(string text)
    {
        int score = 0;
        foreach (var range in Words(text)) score += Plausibility(text.AsSpan(range));
        return score;
    }

    /// <summary>A character no name is written with, in any alphabet (« £ ¹ ª µ…): the text can only be legacy bytes.</summary>
    private static bool HasLegacyOnlyCharacter(string text)
    {
        foreach (char c in text)
        {
            if (c is >= (char)0x80 and <= (char)0xFF && !char.IsWhiteSpace(c) && (!char.IsLetter(c) || c is 'ª' or 'º' or 'µ')) return true;
        }

        return false;
    }

    private static bool NameShaped(ReadOnlySpan<char> word)
    {
        if (HasCapitalAfterSmall(word)) return false;
        int tones = 0;
        for (int i = 0; i < word.Length; i++)
        {
            char c = word[i];
            if (c is '\'' or '-') continue;
            if (!char.IsLetter(c) || (i > 0 && c is 'đ' or 'Đ')) return false;
            if (VietnameseLetters.TryVowel(c, out _, out int tone, out _) && tone != 0 && ++tones > 1) return false;
        }

        return true;
    }

    /// <summary>
    /// How many words of the text that hold a non-ASCII character are syllables common in names, when the text is read
    /// as it is (<see cref="LegacyEncoding.None"/>: Unicode) or decoded from TCVN3 or VNI (the text holding the bytes as
    /// Windows-1252 characters): how Vietnamese a reading of unknown bytes is. Words are separated by anything but letters.
    /// </summary>
    internal static int NameSyllableCount(string text, LegacyEncoding reading)
    {
        var count = 0;
        var letters = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            letters.Append(c < 0x80 && !char.IsAsciiLetter(c) ? ' ' : c);
        }
        var words = letters.ToString();
        foreach (var range in Words(words))
        {
            var word = words[range];
            if (!HasNonAscii(word))
            {
                continue;
            }
            var decoded = reading switch
            {
                LegacyEncoding.Tcvn3 => DecodeTcvn3(word),
                LegacyEncoding.Vni => DecodeVni(word),
                _ => VietnameseText.ToNfc(word),
            };
            if (decoded is not null && IsNameSyllable(decoded))
            {
                count++;
            }
        }
        return count;
    }

    private static int Plausibility(ReadOnlySpan<char> word)
    {
        const int longest = 8; // "nghiêng", "khuếch": no Vietnamese syllable is longer
        if (word.Length > longest) return 0;
        Span<char> lower = stackalloc char[longest];
        LetterCase.ToLower(word, lower);
        return VietnameseLetters.Plausibility(lower[..word.Length]);
    }

    /// <summary>True when the word, in any case and tone placement, is a syllable common in names.</summary>
    private static bool IsNameSyllable(ReadOnlySpan<char> word)
    {
        const int longest = 8;
        if (word.Length > longest) return false;
        Span<char> lower = stackalloc char[longest];
        var span = lower[..word.Length];
        LetterCase.ToLower(word, span);
        VietnameseLetters.PlaceToneCanonically(span);
        return NameSyllables.Contains(span);
    }

    /// <summary>
    /// Words whose case does not fit a keyed name: starting in lower case where others start in upper case, or
    /// mixing cases inside. VNI keeps case, so a VNI name has none; TCVN3 bytes read as VNI often do ("æn" is
    /// TCVN3 Ổn, VNI ỉn).
    /// </summary>
    private static int MiscasedWords(string decoded)
    {
        int upper = 0, lower = 0, mixed = 0;
        foreach (var range in Words(decoded))
        {
            var word = decoded.AsSpan(range);
            if (char.IsUpper(word[0])) upper++;
            else if (char.IsLower(word[0])) lower++;

            // Title case or all capitals only: "DịNG" is TCVN3 DŨNG read as VNI.
            if (HasCapitalAfterSmall(word) || (word.Length > 2 && char.IsUpper(word[^1]) && HasSmall(word))) mixed++;
        }

        return (upper > 0 ? lower : 0) + mixed;
    }

    /// <summary>
    /// True when every word the decoding changes becomes a name syllable and more of them are name syllables than
    /// before ("Phan Thò An" → Phan Thị An; "Hoà Thò Nghóa" → Hồ Thị Nghĩa). "Hoà Minh An" stays: Hòa is a name too.
    /// </summary>
    private static bool GainsNameSyllables(string original, string decoded)
    {
        var originalWords = Words(original);
        var decodedWords = Words(decoded);
        if (originalWords.Count != decodedWords.Count) return false;
        int before = 0, after = 0;
        for (int i = 0; i < decodedWords.Count; i++)
        {
            var keyed = original.AsSpan(originalWords[i]);
            var word = decoded.AsSpan(decodedWords[i]);
            if (keyed.SequenceEqual(word)) continue;
            if (!IsNameSyllable(word)) return false;
            after++;
            if (IsNameSyllable(keyed)) before++;
        }

        return after > before;
    }

    private static List<Range> Words(string text)
    {
        var words = new List<Range>(4);
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool space = i == text.Length || char.IsWhiteSpace(text[i]);
            if (space && start >= 0)
            {
                words.Add(start..i);
                start = -1;
            }
            else if (!space && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    /// <summary>A capital after a small letter inside a word ("HoÌ"): keyed names never do that, legacy bytes often do.</summary>
    private static bool HasCapitalAfterSmall(ReadOnlySpan<char> word)
    {
        for (int i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]) && char.IsLower(word[i - 1])) return true;
        }

        return false;
    }

    /// <summary>
    /// A capital after the first letter of a word that has small letters ("CÈn"): keyed names are title case, capitals or
    /// small, but TCVN3 toned letters are lower-case bytes that read as Latin-1 capitals (È is TCVN3 ẩ).
    /// </summary>
    private static bool HasCapitalInsideSmallWord(ReadOnlySpan<char> word)
    {
        if (!HasSmall(word)) return false;
        for (int i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]) && word[i - 1] != '\'' && word[i - 1] != '-') return true;
        }

        return false;
    }

    private static bool HasSmall(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (char.IsLower(c)) return true;
        }

        return false;
    }

    private static bool HasNonAscii(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (c >= 0x80) return true;
        }

        return false;
    }

    /// <summary>Decodes TCVN3, restoring case from context; null when a character has no TCVN3 meaning.</summary>
    private static string? DecodeTcvn3(string text)
    {
        var chars = new char[text.Length];
        int upper = 0, lower = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80 || char.IsWhiteSpace(c) || Cp1252Extras.Contains(c))
            {
                chars[i] = c;
                if (char.IsAsciiLetterUpper(c)) upper++;
                else if (char.IsAsciiLetterLower(c)) lower++;
                continue;
            }

            char u = c <= 0xFF ? Tcvn3ToUnicode[c] : '\0';
            if (u == '\0') return null;
            chars[i] = u;
            if (c is >= (char)0xA1 and <= (char)0xA7) upper++;
            else if (c is >= (char)0xA8 and <= (char)0xAE) lower++;
        }

        // Only the ASCII letters and the seven marked letters show their case; toned letters do not.
        bool allUpper = upper > 0 && lower == 0;
        bool allLower = lower > 0 && upper == 0;
        bool wordStart = true;
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (char.IsWhiteSpace(c))
            {
                wordStart = true;
                continue;
            }

            if (!char.IsLetter(c)) continue;
            chars[i] = allUpper || (wordStart && !allLower) ? LetterCase.ToUpper(c) : LetterCase.ToLower(c);
            wordStart = false;
        }

        return new string(chars);
    }

    /// <summary>Decodes VNI: a base letter followed by mark bytes; null when a mark has nothing valid to attach to.</summary>
    private static string? DecodeVni(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c < 0x80 || char.IsWhiteSpace(c) || Cp1252Extras.Contains(c))
            {
                sb.Append(c);
                continue;
            }

            bool upper = c < 0xE0;
            char l = upper ? (char)(c + 0x20) : c;
            int i;
            if (l == VniHornO) sb.Append(VietnameseLetters.Compose(8, 0, upper));
            else if (l == VniHornU) sb.Append(VietnameseLetters.Compose(10, 0, upper));
            else if (l == VniStrokeD) sb.Append(upper ? 'Đ' : 'đ');
            else if (l == VniYDot) sb.Append(VietnameseLetters.Compose(VietnameseLetters.RowY, 5, upper));
            else if ((i = VniLetterI.IndexOf(l)) >= 0) sb.Append(VietnameseLetters.Compose(VietnameseLetters.RowI, i + 1, upper));
            else if (!TryAttach(sb, l, upper)) return null;
        }

        return sb.ToString();
    }

    private static bool TryAttach(StringBuilder sb, char mark, bool markUpper)
    {
        // VNI marks take the case of their letter; a mismatch means these bytes are not VNI.
        if (sb.Length == 0 || !VietnameseLetters.TryVowel(sb[^1], out int row, out int tone, out bool upper) || upper != markUpper) return false;
        int i;
        if ((i = VniToneMarks.IndexOf(mark)) >= 0)
        {
            if (tone != 0) return false;
            sb[^1] = VietnameseLetters.Compose(row, i + 1, upper);
            return true;
        }

        if (tone != 0) return false;
        if ((i = VniCircumflex.IndexOf(mark)) >= 0)
        {
            int marked = row switch { VietnameseLetters.RowA => 2, VietnameseLetters.RowE => 4, VietnameseLetters.RowO => 7, _ => -1 };
            if (marked < 0) return false;
            sb[^1] = VietnameseLetters.Compose(marked, i, upper);
            return true;
        }

        if ((i = VniBreve.IndexOf(mark)) >= 0 && row == VietnameseLetters.RowA)
        {
            sb[^1] = VietnameseLetters.Compose(1, i, upper);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Text that is not a name (an address, a place) in a legacy encoding: digits and punctuation say nothing about
    /// the encoding, so the words alone decide, and the whole text is decoded. False for genuine Unicode.
    /// </summary>
    internal static bool TryDecodeText(string text, out string decoded)
    {
        decoded = text;
        if (!IsCandidate(text)) return false;
        var words = string.Create(text.Length, text, static (dest, source) =>
        {
            for (int i = 0; i < source.Length; i++) dest[i] = source[i] is < '\u0080' and not (>= 'A' and <= 'Z' or >= 'a' and <= 'z') ? ' ' : source[i];
        });
        if (!TryDecode(words, out _, out var encoding)) return false;
        var whole = encoding == LegacyEncoding.Tcvn3 ? DecodeTcvn3(text) : DecodeVni(text);
        if (whole is null) return false;
        decoded = whole;
        return true;
    }

    internal static string Encode(string text, LegacyEncoding encoding)
    {
        if (string.IsNullOrEmpty(text) || encoding == LegacyEncoding.None) return text ?? "";
        text = VietnameseText.ToNfc(text);
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c < 0x80) sb.Append(c);
            else if (encoding == LegacyEncoding.Tcvn3) sb.Append(UnicodeToTcvn3.TryGetValue(c, out char b) ? b : c);
            else AppendVni(sb, c);
        }

        return sb.ToString();
    }

    private static void AppendVni(StringBuilder sb, char c)
    {
        if (c is 'đ' or 'Đ')
        {
            sb.Append(Cased(VniStrokeD, c == 'Đ'));
            return;
        }

        if (!VietnameseLetters.TryVowel(c, out int row, out int tone, out bool upper))
        {
            sb.Append(c);
            return;
        }

        switch (row)
        {
            case VietnameseLetters.RowI when tone != 0:
                sb.Append(Cased(VniLetterI[tone - 1], upper));
                return;
            case VietnameseLetters.RowY when tone == 5:
                sb.Append(Cased(VniYDot, upper));
                return;
            case 1: // ă
                sb.Append(upper ? 'A' : 'a').Append(Cased(VniBreve[tone], upper));
                return;
            case 2 or 4 or 7: // â ê ô
                sb.Append(upper ? "AEO"[row / 3] : "aeo"[row / 3]).Append(Cased(VniCircumflex[tone], upper));
                return;
            case 8 or 10: // ơ ư
                sb.Append(Cased(row == 8 ? VniHornO : VniHornU, upper));
                break;
            default:
                sb.Append(VietnameseLetters.Compose(row, 0, upper));
                break;
        }

        if (tone != 0) sb.Append(Cased(VniToneMarks[tone - 1], upper));
    }

    private static char Cased(char vniLower, bool upper) => upper ? (char)(vniLower - 0x20) : vniLower;
}
