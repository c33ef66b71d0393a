namespace CccdRecon.Core.Names;

/// <summary>How a form's name relates to a registry name, from most to least alike.</summary>
public enum NameAgreement
{
    /// <summary>Same canonical text, nothing normalized.</summary>
    Exact = 0,
    /// <summary>Same after cosmetic normalization only (case, spacing, NFC, tone placement, legacy encoding,
    /// or a form written entirely without diacritics whose folded form equals the registry's).</summary>
    CosmeticEqual = 1,
    /// <summary>Differs only by a regional surname pair (Hoàng/Huỳnh, Vũ/Võ…).</summary>
    RegionalVariant = 2,
    /// <summary>The form lacks one or more middle names the registry has (Nguyễn Hòa vs Nguyễn Văn Hòa).</summary>
    MissingMiddleName = 3,
    /// <summary>The form has a middle name the registry lacks.</summary>
    ExtraMiddleName = 4,
    /// <summary>Same syllables in another order (given name keyed first).</summary>
    OrderSwapped = 5,
    /// <summary>A small spelling difference: one edit on the compared form, or a tone/diacritic difference on one syllable.</summary>
    Spelling = 6,
    /// <summary>Similar but not explained by the rules above (Jaro–Winkler on folded keys is given).</summary>
    Similar = 7,
    /// <summary>A different name.</summary>
    Different = 8,
}

/// <summary>The result of comparing a form name with a registry name, with its evidence.</summary>
/// <param name="Agreement">The strongest rule that explains the difference.</param>
/// <param name="JaroWinkler">Jaro–Winkler similarity of the folded keys, 0..1.</param>
/// <param name="Detail">A short explanation in words, e.g. "surname Huỳnh ~ Hoàng (regional)".</param>
public readonly record struct NameComparison(NameAgreement Agreement, double JaroWinkler, string Detail)
{
    /// <summary>True when the names agree apart from cosmetic differences.</summary>
    public bool IsCosmetic => Agreement is NameAgreement.Exact or NameAgreement.CosmeticEqual;
}

/// <summary>Compares two parsed names with Vietnamese naming knowledge.</summary>
public static class NameComparer
{
    /// <summary>Compares a form name with a registry name. Never throws; unreadable names compare as Different.</summary>
    public static NameComparison Compare(PersonName form, PersonName registry) => throw new NotImplementedException();
}
