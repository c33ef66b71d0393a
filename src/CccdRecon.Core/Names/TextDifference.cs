namespace CccdRecon.Core.Names;

/// <summary>
/// How a form's text differs from the registry's, in the terms verification staff use (kiểu sai khác). The first six are
/// cosmetic (the same text keyed differently); the last four change what the text says.
/// </summary>
public enum DifferenceKind
{
    /// <summary>The same letters in another Unicode form (NFD beside NFC): invisible on screen and on paper.</summary>
    UnicodeForm = 1,
    /// <summary>Keyed in a legacy 8-bit encoding (TCVN3/ABC, VNI) and read as Windows-1252.</summary>
    LegacyEncoding = 2,
    /// <summary>Spaces: doubled, missing between words, leading or trailing, or a non-breaking space.</summary>
    Spacing = 3,
    /// <summary>Capitals and small letters.</summary>
    LetterCase = 4,
    /// <summary>The same tone on another vowel of the syllable, old style beside new (<c>Hoà</c>/<c>Hòa</c>, <c>Thuỷ</c>/<c>Thủy</c>).</summary>
    TonePlacement = 5,
    /// <summary>One side keyed without any Vietnamese diacritics at all (<c>NGUYEN VAN HOA</c>).</summary>
    MissingDiacritics = 6,
    /// <summary><c>đ</c> beside <c>d</c> in text that otherwise has its diacritics.</summary>
    DStroke = 7,
    /// <summary>Another tone mark on the same vowel (<c>Hóa</c>/<c>Hòa</c>), or a tone missing on one syllable.</summary>
    Tone = 8,
    /// <summary>Another vowel letter (<c>a</c>/<c>â</c>/<c>ă</c>, <c>o</c>/<c>ô</c>/<c>ơ</c>, <c>u</c>/<c>ư</c>, <c>e</c>/<c>ê</c>).</summary>
    VowelMark = 9,
    /// <summary>Other letters: a different spelling, letters or words added or missing.</summary>
    Letters = 10,
}

/// <summary>What a stretch of the alignment does.</summary>
public enum DiffOperation
{
    Same = 0,
    /// <summary>Characters of the form stand where the registry has others.</summary>
    Changed = 1,
    /// <summary>Only the form has these characters.</summary>
    FormOnly = 2,
    /// <summary>Only the registry has these characters.</summary>
    RegistryOnly = 3,
}

/// <summary>A stretch of the character alignment: the form's text and the registry's, and how they differ.</summary>
public sealed record DiffSegment(DiffOperation Operation, string Form, string Registry, IReadOnlyList<DifferenceKind> Kinds);

/// <summary>
/// A form value beside the registry's, aligned character by character, with every difference named
/// (<see cref="TextDifferences.Compare"/>). <see cref="Form"/> is the form's text as compared (decoded from a legacy
/// encoding, composed to NFC).
/// </summary>
public sealed record TextDifference(string Form, string Registry, IReadOnlyList<DifferenceKind> Kinds, IReadOnlyList<DiffSegment> Segments)
{
    public bool IsIdentical => Kinds.Count == 0;

    /// <summary>Nothing a reader can see differs: only the Unicode form (NFC/NFD).</summary>
    public bool IsInvisible => Kinds.Count > 0 && Kinds.All(k => k == DifferenceKind.UnicodeForm);

    /// <summary>Only tone marks differ (the letters are the same).</summary>
    public bool IsToneOnly => Kinds.Count > 0 && Kinds.All(k => k == DifferenceKind.Tone);

    /// <summary>The same text keyed differently: every kind is one of the cosmetic six.</summary>
    public bool IsCosmetic => Kinds.All(TextDifferences.IsCosmetic);
}

/// <summary>
/// Names the differences between a form's text and the registry's, one character at a time, so a reviewer sees at a
/// glance whether a name differs in substance or only in how it was keyed. Pure and total: any input, never throws.
/// </summary>
public static class TextDifferences
{
    /// <summary>Longer texts are not aligned character by character: they are reported as one changed stretch.</summary>
    public const int MaxAlignedLength = 600;

    // Alignment costs (tenths): cosmetic substitutions are cheap so the alignment pairs a letter with its variant.
    private const int SameCost = 0, SpaceCost = 2, CaseCost = 3, FoldCost = 5, OtherCost = 15, GapCost = 10, SpaceGapCost = 6;

    public static bool IsCosmetic(DifferenceKind kind) => kind is DifferenceKind.UnicodeForm or DifferenceKind.LegacyEncoding
        or DifferenceKind.Spacing or DifferenceKind.LetterCase or DifferenceKind.TonePlacement or DifferenceKind.MissingDiacritics;

    public static TextDifference Compare(string? form, string? registry)
    {
        form ??= "";
        registry ??= "";
        if (string.Equals(form, registry, StringComparison.Ordinal))
        {
            return new TextDifference(form, registry, [], Same(form));
        }
        var kinds = new SortedSet<DifferenceKind>();
        var decodedForm = form;
        if (VietnameseText.TryDecodeLegacy(form, out var decoded, out _))
        {
            decodedForm = decoded;
            kinds.Add(DifferenceKind.LegacyEncoding);
        }
        var f = VietnameseText.ToNfc(decodedForm);
        var r = VietnameseText.ToNfc(registry);
        if (!string.Equals(f, decodedForm, StringComparison.Ordinal) || !string.Equals(r, registry, StringComparison.Ordinal))
        {
            kinds.Add(DifferenceKind.UnicodeForm);
        }
        if (string.Equals(f, r, StringComparison.Ordinal))
        {
            return new TextDifference(f, r, [.. kinds], Same(f));
        }
        if (f.Length > MaxAlignedLength || r.Length > MaxAlignedLength)
        {
            kinds.Add(DifferenceKind.Letters);
            return new TextDifference(f, r, [.. kinds], [new DiffSegment(DiffOperation.Changed, f, r, [DifferenceKind.Letters])]);
        }

        var steps = Align(f, r);
        var formPlain = !VietnameseText.HasMarkedVowel(f);
        var registryPlain = !VietnameseText.HasMarkedVowel(r);
        var classified = new List<(Step Step, DifferenceKind[] Kinds)>(steps.Count);
        foreach (var step in steps)
        {
            classified.Add((step, Classify(step, f, r, formPlain, registryPlain)));
        }
        WordInsertionsAreLetters(classified, f, r);
        TonesMovedInASyllableArePlacement(classified, f, r);
        foreach (var (_, stepKinds) in classified)
        {
            kinds.UnionWith(stepKinds);
        }
        return new TextDifference(f, r, [.. kinds], Segments(classified, f, r));
    }

    private static DiffSegment[] Same(string text) => text.Length == 0 ? [] : [new DiffSegment(DiffOperation.Same, text, text, [])];

    /// <summary>One step of the alignment: a form character (index or -1) against a registry character (index or -1).</summary>
    private readonly record struct Step(int FormIndex, int RegistryIndex)
    {
        public DiffOperation Operation(string f, string r) => FormIndex < 0 ? DiffOperation.RegistryOnly
            : RegistryIndex < 0 ? DiffOperation.FormOnly
            : f[FormIndex] == r[RegistryIndex] ? DiffOperation.Same
            : DiffOperation.Changed;
    }

    private static int Substitution(char a, char b)
    {
        if (a == b) return SameCost;
        if (char.IsWhiteSpace(a) && char.IsWhiteSpace(b)) return SpaceCost;
        if (LetterCase.ToLower(a) == LetterCase.ToLower(b)) return CaseCost;
        if (VietnameseLetters.Fold(a) == VietnameseLetters.Fold(b) && char.IsLetter(a)) return FoldCost;
        return OtherCost;
    }

    private static int Gap(char c) => char.IsWhiteSpace(c) ? SpaceGapCost : GapCost;

    /// <summary>A weighted edit alignment (Needleman–Wunsch) of the two texts, in order.</summary>
    private static List<Step> Align(string f, string r)
    {
        int n = f.Length, m = r.Length;
        var cost = new int[(n + 1) * (m + 1)];
        int At(int i, int j) => i * (m + 1) + j;
        for (var i = 1; i <= n; i++) cost[At(i, 0)] = cost[At(i - 1, 0)] + Gap(f[i - 1]);
        for (var j = 1; j <= m; j++) cost[At(0, j)] = cost[At(0, j - 1)] + Gap(r[j - 1]);
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var diagonal = cost[At(i - 1, j - 1)] + Substitution(f[i - 1], r[j - 1]);
                var formOnly = cost[At(i - 1, j)] + Gap(f[i - 1]);
                var registryOnly = cost[At(i, j - 1)] + Gap(r[j - 1]);
                cost[At(i, j)] = Math.Min(diagonal, Math.Min(formOnly, registryOnly));
            }
        }
        var steps = new List<Step>(Math.Max(n, m));
        int x = n, y = m;
        // Walking back, a gap wins a tie: an added or missing word then ends where the word ends ("Văn ", not "n Vă").
        while (x > 0 || y > 0)
        {
            if (y > 0 && cost[At(x, y)] == cost[At(x, y - 1)] + Gap(r[y - 1]))
            {
                steps.Add(new Step(-1, --y));
            }
            else if (x > 0 && cost[At(x, y)] == cost[At(x - 1, y)] + Gap(f[x - 1]))
            {
                steps.Add(new Step(--x, -1));
            }
            else
            {
                steps.Add(new Step(--x, --y));
            }
        }
        steps.Reverse();
        return steps;
    }

    private static DifferenceKind[] Classify(Step step, string f, string r, bool formPlain, bool registryPlain)
    {
        if (step.FormIndex < 0 || step.RegistryIndex < 0)
        {
            var c = step.FormIndex < 0 ? r[step.RegistryIndex] : f[step.FormIndex];
            return char.IsWhiteSpace(c) ? [DifferenceKind.Spacing] : [DifferenceKind.Letters];
        }
        char a = f[step.FormIndex], b = r[step.RegistryIndex];
        if (a == b) return [];
        if (char.IsWhiteSpace(a) && char.IsWhiteSpace(b)) return [DifferenceKind.Spacing];
        if (LetterCase.ToLower(a) == LetterCase.ToLower(b)) return [DifferenceKind.LetterCase];
        if (VietnameseLetters.Fold(a) != VietnameseLetters.Fold(b) || !char.IsLetter(a))
        {
            return [DifferenceKind.Letters];
        }
        var kinds = new List<DifferenceKind>(2);
        if (char.IsUpper(a) != char.IsUpper(b)) kinds.Add(DifferenceKind.LetterCase);
        // The side that lacks the mark was keyed without any diacritics: the marks are missing, not wrong.
        var plainSide = !VietnameseLetters.HasDiacritic(a) ? formPlain : !VietnameseLetters.HasDiacritic(b) && registryPlain;
        if (plainSide)
        {
            kinds.Add(DifferenceKind.MissingDiacritics);
        }
        else if (IsD(a) || IsD(b))
        {
            kinds.Add(DifferenceKind.DStroke);
        }
        else if (VietnameseLetters.TryVowel(a, out var rowA, out var toneA, out _) && VietnameseLetters.TryVowel(b, out var rowB, out var toneB, out _))
        {
            if (rowA != rowB) kinds.Add(DifferenceKind.VowelMark);
            if (toneA != toneB) kinds.Add(DifferenceKind.Tone);
        }
        else
        {
            kinds.Add(DifferenceKind.Letters);
        }
        return [.. kinds];
    }

    private static bool IsD(char c) => c is 'd' or 'D' or 'đ' or 'Đ';

    /// <summary>A space added or missing with a whole word is part of that word, not a spacing slip.</summary>
    private static void WordInsertionsAreLetters(List<(Step Step, DifferenceKind[] Kinds)> steps, string f, string r)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var (step, kinds) = steps[i];
            if (kinds is not [DifferenceKind.Spacing] || step.FormIndex >= 0 && step.RegistryIndex >= 0) continue;
            var operation = step.Operation(f, r);
            bool Joins(int k) => k >= 0 && k < steps.Count && steps[k].Step.Operation(f, r) == operation && steps[k].Kinds is [DifferenceKind.Letters];
            if (Joins(i - 1) || Joins(i + 1)) steps[i] = (step, [DifferenceKind.Letters]);
        }
    }

    /// <summary>
    /// Tone marks that differ inside a syllable whose canonical form is the same on both sides (<c>Hoà</c>/<c>Hòa</c>) were
    /// placed by another convention: the same tone, not another one.
    /// </summary>
    private static void TonesMovedInASyllableArePlacement(List<(Step Step, DifferenceKind[] Kinds)> steps, string f, string r)
    {
        var formWords = Words(f);
        var registryWords = Words(r);
        for (var i = 0; i < steps.Count; i++)
        {
            var (step, kinds) = steps[i];
            if (!kinds.Contains(DifferenceKind.Tone) || kinds.Contains(DifferenceKind.VowelMark)) continue;
            var (wf, wr) = (formWords[step.FormIndex], registryWords[step.RegistryIndex]);
            if (wf.Length == 0 || wr.Length == 0) continue;
            if (string.Equals(VietnameseText.Canonicalize(wf), VietnameseText.Canonicalize(wr), StringComparison.Ordinal))
            {
                steps[i] = (step, kinds.Select(k => k == DifferenceKind.Tone ? DifferenceKind.TonePlacement : k).ToArray());
            }
        }
    }

    /// <summary>The word each character belongs to ("" for spaces).</summary>
    private static string[] Words(string text)
    {
        var words = new string[text.Length];
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !char.IsWhiteSpace(text[i])) continue;
            var word = text[start..i];
            for (var k = start; k < i; k++) words[k] = word;
            if (i < text.Length) words[i] = "";
            start = i + 1;
        }
        return words;
    }

    private static List<DiffSegment> Segments(List<(Step Step, DifferenceKind[] Kinds)> steps, string f, string r)
    {
        var segments = new List<DiffSegment>();
        var form = new System.Text.StringBuilder();
        var registry = new System.Text.StringBuilder();
        DiffOperation? current = null;
        DifferenceKind[] currentKinds = [];
        void Flush()
        {
            if (current is { } operation) segments.Add(new DiffSegment(operation, form.ToString(), registry.ToString(), currentKinds));
            form.Clear();
            registry.Clear();
        }
        foreach (var (step, kinds) in steps)
        {
            var operation = step.Operation(f, r);
            if (operation != current || !kinds.SequenceEqual(currentKinds))
            {
                Flush();
                current = operation;
                currentKinds = kinds;
            }
            if (step.FormIndex >= 0) form.Append(f[step.FormIndex]);
            if (step.RegistryIndex >= 0) registry.Append(r[step.RegistryIndex]);
        }
        Flush();
        return segments;
    }
}
