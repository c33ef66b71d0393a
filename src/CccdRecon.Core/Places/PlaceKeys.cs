using CccdRecon.Core.Names;

namespace CccdRecon.Core.Places;

/// <summary>
/// The comparison key of a place name: folded letters and digits with every separator removed ("Cư M'gar" → "cumgar",
/// "Ea-Kar" → "eakar", "Phường 03" → "3", "Phường IV" → "4"). Addresses and the commune gazetteer key names the same
/// way, so a name written on a form finds its unit whatever its case, diacritics, tone placement or spacing.
/// </summary>
internal static class PlaceKeys
{
    /// <summary>Longest name key kept; longer ones are cut (a place name is a few syllables).</summary>
    public const int MaxLength = 96;

    /// <summary>Key of a whole name such as "Thị trấn Ái Tử" minus its unit word: callers pass "Ái Tử".</summary>
    public static string Of(string name)
    {
        Span<char> folded = stackalloc char[MaxLength];
        Span<char> key = stackalloc char[MaxLength];
        int length = 0, tokens = 0, tokenLength = 0;
        var word = folded;
        foreach (var c in name)
        {
            var f = VietnameseLetters.Fold(c);
            if (char.IsLetterOrDigit(f))
            {
                if (tokenLength < word.Length) word[tokenLength++] = f;
                continue;
            }

            if (c is '\'' or '\u2019' or '\u2018' or '\u02BC') continue; // apostrophes join: "M'gar"
            if (tokenLength > 0)
            {
                length = Append(key, length, word[..tokenLength]);
                tokens++;
                tokenLength = 0;
            }
        }

        if (tokenLength > 0)
        {
            length = Append(key, length, word[..tokenLength]);
            tokens++;
        }

        if (tokens == 1 && RomanValue(key[..length]) is > 0 and var roman) return roman.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new string(key[..length]);
    }

    // Unit words a caller may leave in front of a name given to the map ("Quận 5", "xã Tiên Hội", "TX Phổ Yên"), with
    // their diacritics: a word written with others is a name ("Quán Thánh").
    private static readonly string[][] UnitWords =
    [
        ["thành", "phố"], ["thị", "xã"], ["thị", "trấn"], ["đặc", "khu"], ["huyện"], ["quận"], ["xã"], ["phường"], ["tỉnh"],
        ["tp"], ["tx"], ["tt"], ["h"], ["q"], ["x"], ["p"], ["t"],
    ];

    /// <summary>Key of a name that may start with its unit word: "Quận 5" → "5", "xã Tiên Hội" → "tienhoi", "Quán Thánh" → "quanthanh".</summary>
    public static string OfUnitName(string text)
    {
        var words = text.Split([' ', '.', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var unit in UnitWords)
        {
            if (words.Length <= unit.Length) continue;
            var matches = true;
            for (var i = 0; i < unit.Length && matches; i++)
            {
                var word = VietnameseText.Canonicalize(words[i]);
                matches = word == unit[i] || (!VietnameseText.HasDiacritics(word) && word == VietnameseText.Fold(unit[i]));
            }

            if (matches) return Of(string.Join(' ', words[unit.Length..]));
        }

        return Of(text);
    }

    /// <summary>
    /// The accented key of a name: lower case with its diacritics, each syllable's tone placed canonically, separators
    /// removed ("Đông Phương Yên" → "đôngphươngyên"). Tells "Phường" from "Phương" where the folded key cannot.
    /// </summary>
    public static string AccentedOf(string name)
    {
        Span<char> key = stackalloc char[MaxLength];
        var length = 0;
        foreach (var word in VietnameseText.Canonicalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            length = AppendAccented(key, length, word);
        }

        return new string(key[..length]);
    }

    /// <summary>Appends one word, lower-cased by the caller, to an accented key: letters and digits only, tone placed canonically.</summary>
    public static int AppendAccented(Span<char> key, int length, ReadOnlySpan<char> lowerWord)
    {
        Span<char> syllable = stackalloc char[Math.Min(lowerWord.Length, MaxLength)];
        var n = 0;
        foreach (var c in lowerWord)
        {
            if (char.IsLetterOrDigit(c) && n < syllable.Length) syllable[n++] = c;
        }

        var word = syllable[..n];
        VietnameseLetters.PlaceToneCanonically(word);
        if (word.Length > 1 && word[0] == '0' && IsDigits(word)) word = word.TrimStart('0');
        var room = Math.Min(word.Length, key.Length - length);
        word[..room].CopyTo(key[length..]);
        return length + room;
    }

    /// <summary>Appends one folded token to a key: digits lose leading zeros ("03" → "3"), everything else as is.</summary>
    public static int Append(Span<char> key, int length, ReadOnlySpan<char> folded)
    {
        if (folded.Length > 1 && folded[0] == '0' && IsDigits(folded))
        {
            folded = folded.TrimStart('0');
            if (folded.IsEmpty) folded = "0";
        }

        var room = Math.Min(folded.Length, key.Length - length);
        folded[..room].CopyTo(key[length..]);
        return length + room;
    }

    public static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9') return false;
        }

        return !s.IsEmpty;
    }

    /// <summary>The value of a folded Roman numeral from 1 to 39 ("iv" → 4), or 0. Only a whole one-word name is read so.</summary>
    public static int RomanValue(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > 6) return 0;
        int total = 0, i = 0;
        while (i < s.Length && s[i] == 'x') { total += 10; i++; }
        if (total > 30) return 0;
        var rest = s[i..];
        int units = rest switch
        {
            "" => 0, "i" => 1, "ii" => 2, "iii" => 3, "iv" => 4, "v" => 5, "vi" => 6, "vii" => 7, "viii" => 8, "ix" => 9,
            _ => -1,
        };
        return units < 0 ? 0 : total + units;
    }
}
