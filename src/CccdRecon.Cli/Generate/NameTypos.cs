using System.Text;

namespace CccdRecon.Cli.Generate;

/// <summary>Where a keying typo landed.</summary>
internal enum TypoPlace { GivenName, Surname }

/// <summary>
/// One keying slip in one syllable of the given name or the surname, as a collector's fingers make it: a letter
/// swapped for its QWERTY neighbour, a neighbour's letter slipped in, a letter lost, two letters swapped, or the wrong
/// tone mark (Hùng → Hủng, Lộc → Lộhc, Chiến → Cihến). Unlike <see cref="NameDamage.Misspell"/> (mistakes by ear) the
/// result is usually not a real syllable.
/// </summary>
internal static class NameTypos
{
    /// <summary>Each key's neighbours on a QWERTY keyboard.</summary>
    private static readonly Dictionary<char, string> Neighbours = new()
    {
        ['q'] = "wa", ['w'] = "qes", ['e'] = "wrd", ['r'] = "etf", ['t'] = "ryg", ['y'] = "tuh", ['u'] = "yij",
        ['i'] = "uok", ['o'] = "ipl", ['p'] = "ol", ['a'] = "qsz", ['s'] = "awdxz", ['d'] = "serfcx", ['f'] = "drtgvc",
        ['g'] = "ftyhbv", ['h'] = "gyujnb", ['j'] = "huikmn", ['k'] = "jiolm", ['l'] = "kop", ['z'] = "asx",
        ['x'] = "zsdc", ['c'] = "xdfv", ['v'] = "cfgb", ['b'] = "vghn", ['n'] = "bhjm", ['m'] = "njk",
    };

    private const string Vowels = "aeiouy";

    /// <summary>Share of typos that hit the surname rather than the given name.</summary>
    private const double SurnameShare = 0.35;

    /// <summary>
    /// A copy of <paramref name="name"/> with one typo, or null when none could be made. Without
    /// <paramref name="toneAllowed"/> (a form keyed without diacritics would lose it) only letter slips are used.
    /// </summary>
    public static (string[] Name, TypoPlace Place)? Apply(string[] name, Rng rng, bool toneAllowed)
    {
        if (name.Length < 2) return null;
        var place = rng.Chance(SurnameShare) ? TypoPlace.Surname : TypoPlace.GivenName;
        var index = place == TypoPlace.Surname ? 0 : name.Length - 1;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            if (Slip(name[index], rng, toneAllowed) is not { } slipped) continue;
            var copy = (string[])name.Clone();
            copy[index] = slipped;
            return (copy, place);
        }
        return null;
    }

    /// <summary>One slip in <paramref name="syllable"/>; null when the drawn kind does not apply.</summary>
    public static string? Slip(string syllable, Rng rng, bool toneAllowed)
    {
        var letters = Letters(syllable);
        var roll = rng.NextDouble() * (toneAllowed ? 1.0 : 0.8);
        List<string>? result = roll switch
        {
            < 0.30 => Substitute(letters, rng),
            < 0.50 => Insert(letters, rng),
            < 0.65 => Delete(letters, rng),
            < 0.80 => Transpose(letters, rng),
            _ => ChangeTone(letters, rng),
        };
        if (result is null) return null;
        var text = Recase(string.Concat(result).Normalize(NormalizationForm.FormC), syllable);
        if (text == syllable || text.Length == 0) return null;
        // A letter slip must survive losing the diacritics; only the tone kind may differ in marks alone.
        if (roll < 0.80 && Fold(text) == Fold(syllable)) return null;
        return text;
    }

    /// <summary>The syllable as letters, each a base letter with its marks (NFD), lower case.</summary>
    private static List<string> Letters(string syllable)
    {
        var letters = new List<string>();
        foreach (var c in syllable.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (letters.Count > 0 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) letters[^1] += c;
            else letters.Add(c.ToString());
        }
        return letters;
    }

    private static bool IsPlain(string letter) => letter.Length == 1 && Neighbours.ContainsKey(letter[0]);

    private static bool HasTone(string letter) => letter.IndexOfAny(ToneStyle.ToneMarks) >= 0;

    private static List<string>? Substitute(List<string> letters, Rng rng)
    {
        var plain = Enumerable.Range(0, letters.Count).Where(i => IsPlain(letters[i])).ToArray();
        if (plain.Length == 0) return null;
        var at = rng.Pick(plain);
        var copy = new List<string>(letters) { [at] = rng.Pick(Neighbours[letters[at][0]].ToCharArray()).ToString() };
        return copy;
    }

    private static List<string>? Insert(List<string> letters, Rng rng)
    {
        var at = rng.Next(1, letters.Count + 1);
        var near = letters[at - 1][0];
        if (!Neighbours.TryGetValue(near, out var keys)) return null;
        var copy = new List<string>(letters);
        copy.Insert(at, rng.Chance(0.2) ? near.ToString() : rng.Pick(keys.ToCharArray()).ToString());
        return copy;
    }

    private static List<string>? Delete(List<string> letters, Rng rng)
    {
        if (letters.Count < 3) return null;
        // The letter carrying the tone stays: a lost tone is the tone kind.
        var deletable = Enumerable.Range(0, letters.Count).Where(i => !HasTone(letters[i])).ToArray();
        if (deletable.Length == 0) return null;
        var copy = new List<string>(letters);
        copy.RemoveAt(rng.Pick(deletable));
        return copy;
    }

    private static List<string>? Transpose(List<string> letters, Rng rng)
    {
        var spots = Enumerable.Range(0, letters.Count - 1).Where(i => letters[i][0] != letters[i + 1][0]).ToArray();
        if (spots.Length == 0) return null;
        var i = rng.Pick(spots);
        var copy = new List<string>(letters);
        (copy[i], copy[i + 1]) = (copy[i + 1], copy[i]);
        return copy;
    }

    private static List<string>? ChangeTone(List<string> letters, Rng rng)
    {
        var copy = new List<string>(letters);
        var toned = copy.FindIndex(HasTone);
        if (toned >= 0)
        {
            var letter = copy[toned];
            var tone = letter[letter.IndexOfAny(ToneStyle.ToneMarks)];
            var bare = letter.Replace(tone.ToString(), "", StringComparison.Ordinal);
            // Dropping the tone is a common slip; otherwise another of the five.
            copy[toned] = rng.Chance(0.3) ? bare : bare + rng.Pick(ToneStyle.ToneMarks.Where(t => t != tone).ToArray());
            return copy;
        }
        var vowels = Enumerable.Range(0, copy.Count).Where(i => Vowels.Contains(copy[i][0], StringComparison.Ordinal)).ToArray();
        if (vowels.Length == 0) return null;
        // A tone where there was none, on the vowel that would carry it: a shaped vowel, else the last one before a
        // final consonant, else the first of the nucleus.
        var shaped = vowels.Where(i => copy[i].Length > 1).ToArray();
        var target = shaped.Length > 0 ? shaped[^1] : vowels[^1] < copy.Count - 1 ? vowels[^1] : vowels[0];
        copy[target] += rng.Pick(ToneStyle.ToneMarks);
        return copy;
    }

    private static string Recase(string text, string original) =>
        char.IsUpper(original[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    /// <summary>Lower case without any mark (đ → d).</summary>
    private static string Fold(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            builder.Append(c == 'đ' ? 'd' : c);
        }
        return builder.ToString();
    }
}
