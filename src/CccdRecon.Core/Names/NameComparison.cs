using System.Diagnostics.CodeAnalysis;
using System.Globalization;

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
/// <param name="JaroWinkler">
/// Jaro–Winkler similarity of the folded keys, 0..1; <see cref="NotMeasured"/> where matching's shortcut found the names
/// plainly different without it (a Different name's level and explanation never read it).
/// </param>
/// <param name="Detail">A short explanation in words, e.g. "surname Huỳnh ~ Hoàng (regional)".</param>
public readonly record struct NameComparison(NameAgreement Agreement, double JaroWinkler, string Detail)
{
    /// <summary>True when the names agree apart from cosmetic differences.</summary>
    public bool IsCosmetic => Agreement is NameAgreement.Exact or NameAgreement.CosmeticEqual;

    /// <summary>The <see cref="JaroWinkler"/> of a comparison that did not need it worked out.</summary>
    public const double NotMeasured = double.NaN;
}

/// <summary>
/// Compares two parsed names with Vietnamese naming knowledge. When either name was keyed without any diacritics
/// both are compared on folded forms; otherwise on canonical forms, so a missing tone counts as a spelling
/// difference. <see cref="NameComparison.Detail"/> names only the syllables concerned.
/// </summary>
public static class NameComparer
{
    /// <summary>Jaro–Winkler on folded keys from which two names count as <see cref="NameAgreement.Similar"/>.</summary>
    public const double SimilarThreshold = 0.85;

    private const string NoDiacritics = "no diacritics";

    /// <summary>
    /// Compares a form name with a registry name. Never throws; unreadable names compare as Different. A form name
    /// with another reading (<see cref="PersonName.Alternative"/>) is compared both ways and the closer kept.
    /// </summary>
    public static NameComparison Compare(PersonName form, PersonName registry)
    {
        var main = CompareOne(form, registry);
        if (form?.Alternative is not { } alternative || main.Agreement <= NameAgreement.CosmeticEqual) return main;
        var other = CompareOne(alternative, registry);
        return other.Agreement < main.Agreement ? other : main;
    }

    private static NameComparison CompareOne(PersonName form, PersonName registry)
    {
        if (form is null || registry is null || !form.IsReadable || !registry.IsReadable)
        {
            return new(NameAgreement.Different, 0, "unreadable name");
        }

        if (form.Key == registry.Key && !Transformed(form) && !Transformed(registry))
        {
            return new(NameAgreement.Exact, 1, "identical");
        }

        double jw = StringSimilarity.JaroWinkler(form.FoldedKey, registry.FoldedKey);
        bool folded = !form.HasDiacritics || !registry.HasDiacritics;
        var a = folded ? form.FoldedSyllables : form.Syllables;
        var b = folded ? registry.FoldedSyllables : registry.Syllables;

        if (SameSequence(a, b))
        {
            return new(NameAgreement.CosmeticEqual, jw, CosmeticDetail(form.Normalizations, registry.Normalizations));
        }

        if (a.Count == b.Count && !Equal(a[0], b[0]) && SameSequence(a, b, from: 1)
            && NameKnowledge.AreRegionalSurnameVariants(a[0], b[0]))
        {
            return new(NameAgreement.RegionalVariant, jw, $"surname {Title(form, 0)} ~ {Title(registry, 0)} (regional)");
        }

        if (TryMiddleNames(a, b, out var missing))
        {
            return new(NameAgreement.MissingMiddleName, jw, $"middle name {TitleList(registry, missing)} missing");
        }

        if (TryMiddleNames(b, a, out var extra))
        {
            return new(NameAgreement.ExtraMiddleName, jw, $"extra middle name {TitleList(form, extra)}");
        }

        if (a.Count == b.Count && a.Count > 1 && SameMultiset(a, b))
        {
            return new(NameAgreement.OrderSwapped, jw, "same syllables in another order");
        }

        int differing = SingleDifference(a, b);
        if (!folded && differing >= 0 && form.FoldedSyllables[differing] == registry.FoldedSyllables[differing])
        {
            return new(NameAgreement.Spelling, jw, $"{Title(form, differing)} vs {Title(registry, differing)} (tone or diacritics)");
        }

        var formKey = folded ? form.FoldedKey : form.Key;
        var registryKey = folded ? registry.FoldedKey : registry.Key;
        // Distance exactly one (the keys differ here, their syllables do): the linear test, not the quadratic table.
        if (!formKey.Equals(registryKey, StringComparison.Ordinal) && StringSimilarity.WithinOneEdit(formKey, registryKey))
        {
            var detail = differing >= 0 ? $"{Title(form, differing)} vs {Title(registry, differing)} (one letter)" : "one letter differs";
            return new(NameAgreement.Spelling, jw, detail);
        }

        // Siblings and twins share surname and middle name; a different given name is a different person.
        if (jw >= SimilarThreshold && GivenNamesAlike(a, b))
        {
            return new(NameAgreement.Similar, jw, string.Create(CultureInfo.InvariantCulture, $"similar spelling (Jaro–Winkler {jw:0.00})"));
        }

        return new(NameAgreement.Different, jw, "different name");
    }

    private static bool GivenNamesAlike(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count < 2 || b.Count < 2 || StringSimilarity.JaroWinkler(a[^1], b[^1]) >= GivenNameThreshold;

    /// <summary>Jaro–Winkler between given names below which two otherwise similar names are different people.</summary>
    public const double GivenNameThreshold = 0.80;

    private static bool Transformed(PersonName name) =>
        name.Normalizations.Count > (name.HasDiacritics ? 0 : 1);

    // The parser shares one normalization list per combination of steps, so the pairs of lists are few: each
    // detail is built once instead of for every candidate compared.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IReadOnlyList<string>, IReadOnlyList<string>), string> CosmeticDetails = new();

    private static string CosmeticDetail(IReadOnlyList<string> form, IReadOnlyList<string> registry) =>
        CosmeticDetails.GetOrAdd((form, registry), static pair => "same name after " + CosmeticSteps(pair.Item1, pair.Item2));

    private static string CosmeticSteps(IReadOnlyList<string> form, IReadOnlyList<string> registry)
    {
        var steps = new List<string>(form);
        foreach (var step in registry)
        {
            if (!steps.Contains(step)) steps.Add(step);
        }

        return steps.Count == 0 ? "normalization" : string.Join(", ", steps);
    }

    private static bool Equal(string x, string y) => string.Equals(x, y, StringComparison.Ordinal);

    private static bool SameSequence(IReadOnlyList<string> a, IReadOnlyList<string> b, int from = 0)
    {
        if (a.Count != b.Count) return false;
        for (int i = from; i < a.Count; i++)
        {
            if (!Equal(a[i], b[i])) return false;
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="shorter"/> is <paramref name="longer"/> without some middle names: same surname,
    /// same given name, and its own middle names appear in order among the longer one's. Returns the missing indexes.
    /// </summary>
    private static bool TryMiddleNames(IReadOnlyList<string> shorter, IReadOnlyList<string> longer, [NotNullWhen(true)] out List<int>? missing)
    {
        missing = null;
        if (shorter.Count < 2 || shorter.Count >= longer.Count) return false;
        if (!Equal(shorter[0], longer[0]) || !Equal(shorter[^1], longer[^1])) return false;

        missing = [];
        int s = 1;
        for (int l = 1; l < longer.Count - 1; l++)
        {
            if (s < shorter.Count - 1 && Equal(shorter[s], longer[l])) s++;
            else missing.Add(l);
        }

        return s == shorter.Count - 1;
    }

    /// <summary>Same syllables, each used once, in any order (quadratic, but names have a handful of syllables).</summary>
    private static bool SameMultiset(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count || a.Count > 64) return false;
        Span<bool> used = stackalloc bool[b.Count];
        for (int i = 0; i < a.Count; i++)
        {
            int j = 0;
            while (j < b.Count && (used[j] || !Equal(a[i], b[j]))) j++;
            if (j == b.Count) return false;
            used[j] = true;
        }

        return true;
    }

    /// <summary>The index of the only differing syllable when both names have the same count, else -1.</summary>
    private static int SingleDifference(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count) return -1;
        int found = -1;
        for (int i = 0; i < a.Count; i++)
        {
            if (Equal(a[i], b[i])) continue;
            if (found >= 0) return -1;
            found = i;
        }

        return found;
    }

    private static string Title(PersonName name, int index) => VietnameseText.ToTitleCase(name.Syllables[index]);

    private static string TitleList(PersonName name, List<int> indexes) =>
        string.Join(" ", indexes.Select(i => Title(name, i)));
}
