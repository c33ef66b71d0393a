using CccdRecon.Core.Names;
using CccdRecon.Core.Places;
using static CccdRecon.Core.Addresses.AddressParser;

namespace CccdRecon.Core.Addresses;

/// <summary>
/// The unit words of Vietnamese addresses, in full and abbreviated, and when a word in the text is one.
/// </summary>
/// <remarks>
/// A word is a unit word only where it is followed by a name. A word written with diacritics must be the unit word
/// exactly ("Quán Thánh" is a name, "Quận" a unit word); one written without can be either, so the words that are
/// common syllables of names (bản, làng, tổ, đội, ngõ, số, phố) count without diacritics only before a number.
/// Text that is, from the word on, the name of a known commune or district is a name ("Buôn Ma Thuột", "Phố Huế").
/// </remarks>
internal static class AddressVocabulary
{
    private enum Strength : byte
    {
        /// <summary>A full unit word: huyện, xã, thôn ...</summary>
        Word,
        /// <summary>A common syllable of names too (tổ, đội, ngõ, số): without diacritics it counts only before a number.</summary>
        Weak,
        /// <summary>A hamlet or street word that is a syllable of names too (bản, làng, phố): without diacritics it counts before a number or at the start of a part.</summary>
        WeakLeading,
        /// <summary>A bare abbreviation such as "X" or "TP": counts with or without its dot.</summary>
        Abbreviation,
        /// <summary>A one-letter abbreviation that is too easily something else ("F", "Đ", "Th"): needs its dot or a number.</summary>
        DottedAbbreviation,
    }

    public static bool TryMatch(string text, ReadOnlySpan<Token> tokens, ReadOnlySpan<char> folded, int segmentStart, int i, int end, bool accented,
        out AddressUnitKind kind, out AddressUnitKind alt, out int width, out bool abbreviation)
    {
        kind = alt = AddressUnitKind.Unmarked;
        width = 1;
        abbreviation = false;
        var strength = Strength.Word;
        ReadOnlySpan<char> Next(ReadOnlySpan<Token> all, ReadOnlySpan<char> f, int at, int stop) =>
            at < stop ? f.Slice(all[at].Fold, all[at].FoldLength) : default;

        var word = folded.Slice(tokens[i].Fold, tokens[i].FoldLength);
        var next = Next(tokens, folded, i + 1, end);
        string exact, exact2 = "", exact3 = "";
        switch (word)
        {
            case "tinh" when next.SequenceEqual("lo"): (kind, width, exact, exact2) = (AddressUnitKind.Lo, 2, "tỉnh", "lộ"); break;
            case "tinh": (kind, exact) = (AddressUnitKind.Tinh, "tỉnh"); break;
            // "T.X", "T.P", "T.T": thị xã, thành phố, thị trấn with a dot inside.
            case "t" when tokens[i].After == Separator.Dot && next.SequenceEqual("x"): (kind, width, exact, strength) = (AddressUnitKind.ThiXa, 2, "", Strength.Abbreviation); break;
            case "t" when tokens[i].After == Separator.Dot && next.SequenceEqual("p"): (kind, width, exact, strength) = (AddressUnitKind.ThanhPho, 2, "", Strength.Abbreviation); break;
            case "t" when tokens[i].After == Separator.Dot && next.SequenceEqual("t"): (kind, width, exact, strength) = (AddressUnitKind.ThiTran, 2, "", Strength.Abbreviation); break;
            case "t": (kind, alt, exact, strength) = (AddressUnitKind.Tinh, AddressUnitKind.Thon, "", Strength.Abbreviation); break;
            case "tp": (kind, exact, strength) = (AddressUnitKind.ThanhPho, "", Strength.Abbreviation); break;
            case "thanh" when next.SequenceEqual("pho"): (kind, width, exact, exact2) = (AddressUnitKind.ThanhPho, 2, "thành", "phố"); break;
            case "huyen": (kind, exact) = (AddressUnitKind.Huyen, "huyện"); break;
            case "h": (kind, alt, exact, strength) = (AddressUnitKind.Huyen, AddressUnitKind.Hem, "", Strength.Abbreviation); break;
            case "quan": (kind, exact) = (AddressUnitKind.Quan, "quận"); break;
            case "q": (kind, exact, strength) = (AddressUnitKind.Quan, "", Strength.Abbreviation); break;
            case "thi" when next.SequenceEqual("xa"): (kind, width, exact, exact2) = (AddressUnitKind.ThiXa, 2, "thị", "xã"); break;
            case "thi" when next.SequenceEqual("tran"): (kind, width, exact, exact2) = (AddressUnitKind.ThiTran, 2, "thị", "trấn"); break;
            case "tx": (kind, exact, strength) = (AddressUnitKind.ThiXa, "", Strength.Abbreviation); break;
            case "tt": (kind, exact, strength) = (AddressUnitKind.ThiTran, "", Strength.Abbreviation); break;
            case "xa": (kind, exact) = (AddressUnitKind.Xa, "xã"); break;
            case "x": (kind, alt, exact, strength) = (AddressUnitKind.Xa, AddressUnitKind.Xom, "", Strength.Abbreviation); break;
            case "phuong": (kind, exact) = (AddressUnitKind.Phuong, "phường"); break;
            case "p": (kind, alt, exact, strength) = (AddressUnitKind.Phuong, AddressUnitKind.Pho, "", Strength.Abbreviation); break;
            case "f": (kind, exact, strength) = (AddressUnitKind.Phuong, "", Strength.DottedAbbreviation); break;
            case "ph": (kind, alt, exact, strength) = (AddressUnitKind.Phuong, AddressUnitKind.Pho, "", Strength.Abbreviation); break;
            case "dac" when next.SequenceEqual("khu"): (kind, width, exact, exact2) = (AddressUnitKind.DacKhu, 2, "đặc", "khu"); break;
            case "thon": (kind, exact) = (AddressUnitKind.Thon, "thôn"); break;
            case "th": (kind, exact, strength) = (AddressUnitKind.Thon, "", Strength.Abbreviation); break;
            case "xom": (kind, exact) = (AddressUnitKind.Xom, "xóm"); break;
            case "ap": (kind, exact) = (AddressUnitKind.Ap, "ấp"); break;
            case "a": (kind, exact, strength) = (AddressUnitKind.Ap, "", Strength.DottedAbbreviation); break;
            case "b": (kind, exact, strength) = (AddressUnitKind.Ban, "", Strength.DottedAbbreviation); break;
            case "ban": (kind, exact, strength) = (AddressUnitKind.Ban, "bản", Strength.WeakLeading); break;
            case "buon": (kind, exact) = (AddressUnitKind.Buon, "buôn"); break;
            case "lang": (kind, exact, strength) = (AddressUnitKind.Lang, "làng", Strength.WeakLeading); break;
            case "khu" when next.SequenceEqual("pho"): (kind, width, exact, exact2) = (AddressUnitKind.KhuPho, 2, "khu", "phố"); break;
            case "khu": (kind, exact) = (AddressUnitKind.Khu, "khu"); break;
            case "kp": (kind, exact, strength) = (AddressUnitKind.KhuPho, "", Strength.Abbreviation); break;
            case "to" when next.SequenceEqual("dan") && Next(tokens, folded, i + 2, end).SequenceEqual("pho"):
                (kind, width, exact, exact2, exact3) = (AddressUnitKind.ToDanPho, 3, "tổ", "dân", "phố");
                break;
            case "to" when next.SequenceEqual("dp"): (kind, width, exact, exact2) = (AddressUnitKind.ToDanPho, 2, "tổ", ""); break;
            case "to": (kind, exact, strength) = (AddressUnitKind.To, "tổ", Strength.Weak); break;
            case "tdp": (kind, exact, strength) = (AddressUnitKind.ToDanPho, "", Strength.Abbreviation); break;
            case "khom": (kind, exact) = (AddressUnitKind.Khom, "khóm"); break;
            // "Khôi" is a given name: without diacritics "khoi" is khối only before a number.
            case "khoi": (kind, exact, strength) = (AddressUnitKind.Khoi, "khối", Strength.Weak); break;
            case "doi": (kind, exact, strength) = (AddressUnitKind.Doi, "đội", Strength.Weak); break;
            case "duong": (kind, exact) = (AddressUnitKind.Duong, "đường"); break;
            // "Đ." or "Đ" is đường; a plain "d" needs its dot.
            case "d": (kind, exact, strength) = (AddressUnitKind.Duong, "đ", tokens[i].HasDiacritics ? Strength.Abbreviation : Strength.DottedAbbreviation); break;
            case "pho": (kind, exact, strength) = (AddressUnitKind.Pho, "phố", Strength.WeakLeading); break;
            case "quoc" when next.SequenceEqual("lo"): (kind, width, exact, exact2) = (AddressUnitKind.Lo, 2, "quốc", "lộ"); break;
            case "ql": (kind, exact, strength) = (AddressUnitKind.Lo, "", Strength.Abbreviation); break;
            case "so" when next.SequenceEqual("nha"): (kind, width, exact, exact2) = (AddressUnitKind.SoNha, 2, "số", "nhà"); break;
            case "so": (kind, exact, strength) = (AddressUnitKind.SoNha, "số", Strength.Weak); break;
            case "nha" when next.SequenceEqual("so"): (kind, width, exact, exact2) = (AddressUnitKind.SoNha, 2, "nhà", "số"); break;
            case "sn": (kind, exact, strength) = (AddressUnitKind.SoNha, "", Strength.Abbreviation); break;
            case "ngo": (kind, exact, strength) = (AddressUnitKind.Ngo, "ngõ", Strength.Weak); break;
            case "ngach": (kind, exact) = (AddressUnitKind.Ngach, "ngách"); break;
            case "hem": (kind, exact) = (AddressUnitKind.Hem, "hẻm"); break;
            case "kiet": (kind, exact) = (AddressUnitKind.Kiet, "kiệt"); break;
            case "k": (kind, exact, strength) = (AddressUnitKind.Kiet, "", Strength.DottedAbbreviation); break;
            default: return false;
        }

        // A unit word is followed by its name.
        abbreviation = strength is Strength.Abbreviation or Strength.DottedAbbreviation;
        if (i + width >= end) return Fail(out kind, out alt);
        var name = tokens[i + width];
        var first = tokens[i];

        // Diacritics written must be the unit word's own: "Quán" is not "quận", "Tô" not "tổ".
        if (!Exact(text, first, exact) || (width > 1 && !Exact(text, tokens[i + 1], exact2)) || (width > 2 && !Exact(text, tokens[i + 2], exact3)))
        {
            return Fail(out kind, out alt);
        }

        // A writer who uses diacritics writes them on unit words too: inside a part of such a text, "Quan" and "Xa" are
        // names ("phường Tam Quan Nam", "xã Lao Xa Phình"). At the start of a part the unit word is expected.
        if (accented && i != segmentStart && !first.HasDiacritics && strength is Strength.Word or Strength.Weak or Strength.WeakLeading
            && VietnameseText.HasDiacritics(exact))
        {
            return Fail(out kind, out alt);
        }

        switch (strength)
        {
            case Strength.Weak when !first.HasDiacritics || kind == AddressUnitKind.SoNha && width == 1:
                // "so" alone is "số" only before a number; "to", "ban", "lang", "pho", "ngo", "doi" likewise without diacritics.
                if (!name.StartsWithDigit) return Fail(out kind, out alt);
                break;
            case Strength.WeakLeading when !first.HasDiacritics:
                if (!name.StartsWithDigit && i != segmentStart) return Fail(out kind, out alt);
                break;
            case Strength.DottedAbbreviation:
                if (first.After != Separator.Dot && !name.StartsWithDigit) return Fail(out kind, out alt);
                break;
        }

        // "Buôn Ma Thuột", "Phố Huế", "Quan Thanh" (no diacritics): the name of a known place, not a unit word and a name.
        // Only full words: an abbreviation is no syllable, though "T An Giang" folds like "Tân Giang".
        if (strength is Strength.Word or Strength.Weak or Strength.WeakLeading && (!first.HasDiacritics || kind.LevelOf() <= AddressLevel.Hamlet) && end - i >= 2)
        {
            Span<char> key = stackalloc char[PlaceKeys.MaxLength];
            var length = 0;
            for (var t = i; t < end; t++) length = PlaceKeys.Append(key, length, folded.Slice(tokens[t].Fold, tokens[t].FoldLength));
            if (CommuneGazetteer.Instance.IsPlaceName(key[..length])) return Fail(out kind, out alt);
        }

        return true;
    }

    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Words =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(
            ["tinh", "huyen", "quan", "xa", "phuong", "thon", "xom", "ap", "khom", "duong", "pho", "to", "so", "ngo", "hem", "kiet", "ngach",
             "tp", "tx", "tt", "kp", "tdp", "sn", "thanhpho", "thixa", "thitran", "khupho", "todanpho", "sonha", "dackhu"],
            StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A unit word standing alone, in any spelling ("Tỉnh", "xa", "TP").</summary>
    public static bool IsUnitWord(ReadOnlySpan<char> folded) => Words.Contains(folded);

    private static bool Fail(out AddressUnitKind kind, out AddressUnitKind alt)
    {
        kind = alt = AddressUnitKind.Unmarked;
        return false;
    }

    /// <summary>True when the token has no diacritics, or is exactly <paramref name="exact"/> in lower case.</summary>
    private static bool Exact(string text, in Token token, string exact)
    {
        if (!token.HasDiacritics) return true;
        if (exact.Length == 0 || token.Length != exact.Length) return false;
        for (var k = 0; k < exact.Length; k++)
        {
            if (LetterCase.ToLower(text[token.Start + k]) != exact[k]) return false;
        }

        return true;
    }
}
