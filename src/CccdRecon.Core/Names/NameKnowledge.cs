namespace CccdRecon.Core.Names;

/// <summary>What a verification officer knows about Vietnamese names.</summary>
/// <remarks>
/// Only well-attested regional surname pairs are listed: Hoàng→Huỳnh and Vũ→Võ, the southern forms adopted under
/// the Nguyễn lords' naming taboo (kỵ húy). A wrong pair would hide a genuinely different surname, so none is
/// added on a guess.
/// </remarks>
public static class NameKnowledge
{
    private static readonly (string North, string South)[] RegionalSurnames = [("hoàng", "huỳnh"), ("vũ", "võ")];

    /// <summary>Middle names (tên đệm) common enough that a form dropping or adding one is a routine slip.</summary>
    private static readonly HashSet<string> CommonMiddleNames =
    [
        "văn", "thị", "hữu", "đức", "ngọc", "minh", "quang", "thanh", "xuân", "công", "đình", "quốc", "thành",
        "trọng", "bá", "kim", "gia", "bảo", "như", "hồng", "phương", "thế", "mạnh", "duy", "tiến", "khánh",
    ];

    private static readonly HashSet<string> FoldedCommonMiddleNames = [.. CommonMiddleNames.Select(VietnameseText.Fold)];

    /// <summary>True when two surnames (canonical or folded) are a known regional pair: Hoàng/Huỳnh, Vũ/Võ, …</summary>
    /// <remarks>When either side has no diacritics the pair is recognised on folded forms (HUYNH ~ Hoàng).</remarks>
    public static bool AreRegionalSurnameVariants(string a, string b)
    {
        var x = VietnameseText.Canonicalize(a);
        var y = VietnameseText.Canonicalize(b);
        if (x.Length == 0 || y.Length == 0) return false;
        bool folded = !VietnameseText.HasDiacritics(x) || !VietnameseText.HasDiacritics(y);
        if (folded)
        {
            x = VietnameseText.Fold(x);
            y = VietnameseText.Fold(y);
        }

        foreach (var (north, south) in RegionalSurnames)
        {
            var n = folded ? VietnameseText.Fold(north) : north;
            var s = folded ? VietnameseText.Fold(south) : south;
            if ((x == n && y == s) || (x == s && y == n)) return true;
        }

        return false;
    }

    /// <summary>The regional counterpart of a canonical surname, or null ("hoàng" → "huỳnh").</summary>
    /// <remarks>Any case is accepted; a surname without diacritics gets its counterpart without diacritics ("vu" → "vo").</remarks>
    public static string? RegionalCounterpart(string surname)
    {
        var canonical = VietnameseText.Canonicalize(surname);
        if (canonical.Length == 0) return null;
        bool folded = !VietnameseText.HasDiacritics(canonical);
        foreach (var (north, south) in RegionalSurnames)
        {
            if (folded)
            {
                if (canonical == VietnameseText.Fold(north)) return VietnameseText.Fold(south);
                if (canonical == VietnameseText.Fold(south)) return VietnameseText.Fold(north);
            }
            else if (canonical == north)
            {
                return south;
            }
            else if (canonical == south)
            {
                return north;
            }
        }

        return null;
    }

    /// <summary>True for a common middle name such as Văn, Thị, Hữu, Đức, Ngọc (canonical or folded).</summary>
    public static bool IsCommonMiddleName(string syllable)
    {
        var canonical = VietnameseText.Canonicalize(syllable);
        if (canonical.Length == 0) return false;
        return VietnameseText.HasDiacritics(canonical)
            ? CommonMiddleNames.Contains(canonical)
            : FoldedCommonMiddleNames.Contains(canonical);
    }
}
