namespace CccdRecon.Core.Names;

/// <summary>What a verification officer knows about Vietnamese names.</summary>
public static class NameKnowledge
{
    /// <summary>True when two surnames (canonical or folded) are a known regional pair: Hoàng/Huỳnh, Vũ/Võ, …</summary>
    public static bool AreRegionalSurnameVariants(string a, string b) => throw new NotImplementedException();

    /// <summary>The regional counterpart of a canonical surname, or null ("hoàng" → "huỳnh").</summary>
    public static string? RegionalCounterpart(string surname) => throw new NotImplementedException();

    /// <summary>True for a common middle name such as Văn, Thị, Hữu, Đức, Ngọc (canonical or folded).</summary>
    public static bool IsCommonMiddleName(string syllable) => throw new NotImplementedException();
}
