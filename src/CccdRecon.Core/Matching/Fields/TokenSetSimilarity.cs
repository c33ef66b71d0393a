using CccdRecon.Core.Names;
using FuzzySharp;
using FuzzySharp.PreProcess;

namespace CccdRecon.Core.Matching;

/// <summary>
/// Token-set similarity of two addresses, 0–100: the fuzzywuzzy measure (the shared tokens, sorted, against each side's
/// shared-plus-own tokens; the best of the three Levenshtein ratios, from FuzzySharp). FuzzySharp's own
/// <c>TokenSetRatio</c> builds regexes, hash sets and LINQ sorts per call, which made the address the costliest field
/// by far; here the tokens are spans sorted in place, and only the three compared strings are allocated. Tokens are
/// ordered ordinally rather than by culture, which only reorders tokens that mix punctuation. Tests hold both to
/// FuzzySharp's results.
/// </summary>
internal static class TokenSetSimilarity
{
    private const int MaxTokens = 48;

    public static int Ratio(string a, string b)
    {
        Span<Range> ta = stackalloc Range[MaxTokens];
        Span<Range> tb = stackalloc Range[MaxTokens];
        var na = Tokens(a, ta);
        var nb = Tokens(b, tb);
        // Absurdly long addresses keep the library's general path.
        if (na < 0 || nb < 0) return Fuzz.TokenSetRatio(a, b, PreprocessMode.None);
        ta = ta[..na];
        tb = tb[..nb];

        // Merge the two sorted token sets into the shared tokens and each side's own.
        Span<Range> shared = stackalloc Range[MaxTokens];
        Span<Range> onlyA = stackalloc Range[MaxTokens];
        Span<Range> onlyB = stackalloc Range[MaxTokens];
        int ns = 0, nOnlyA = 0, nOnlyB = 0, i = 0, j = 0;
        while (i < na || j < nb)
        {
            var order = i == na ? 1 : j == nb ? -1 : a.AsSpan(ta[i]).SequenceCompareTo(b.AsSpan(tb[j]));
            if (order == 0) { shared[ns++] = ta[i++]; j++; }
            else if (order < 0) onlyA[nOnlyA++] = ta[i++];
            else onlyB[nOnlyB++] = tb[j++];
        }

        var sharedText = Join(a, shared[..ns], null, default);
        var combinedA = Join(a, shared[..ns], a, onlyA[..nOnlyA]);
        var combinedB = Join(a, shared[..ns], b, onlyB[..nOnlyB]);
        return Math.Max(IndelRatio(sharedText, combinedA), Math.Max(IndelRatio(sharedText, combinedB), IndelRatio(combinedA, combinedB)));
    }

    /// <summary>
    /// FuzzySharp's simple ratio, round(100 × (1 − indel distance / total length)), with the distance from a
    /// bit-parallel LCS: the library's generic edit-distance matrix was the single largest cost of matching a form.
    /// </summary>
    internal static int IndelRatio(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return Fuzz.Ratio(a, b);
        var lensum = a.Length + b.Length;
        var distance = lensum - 2 * StringSimilarity.LongestCommonSubsequence(a, b);
        return (int)Math.Round(100 * ((double)(lensum - distance) / lensum));
    }

    /// <summary>The distinct whitespace-separated tokens, sorted ordinally; -1 when there are too many.</summary>
    private static int Tokens(string text, Span<Range> tokens)
    {
        var n = 0;
        var start = -1;
        for (var k = 0; k <= text.Length; k++)
        {
            var boundary = k == text.Length || char.IsWhiteSpace(text[k]);
            if (!boundary)
            {
                if (start < 0) start = k;
                continue;
            }
            if (start < 0) continue;
            if (n == tokens.Length) return -1;
            tokens[n++] = start..k;
            start = -1;
        }

        // Insertion sort: an address has a dozen tokens.
        for (var k = 1; k < n; k++)
        {
            var token = tokens[k];
            var m = k - 1;
            while (m >= 0 && text.AsSpan(tokens[m]).SequenceCompareTo(text.AsSpan(token)) > 0)
            {
                tokens[m + 1] = tokens[m];
                m--;
            }
            tokens[m + 1] = token;
        }

        var distinct = 0;
        for (var k = 0; k < n; k++)
            if (distinct == 0 || !text.AsSpan(tokens[k]).SequenceEqual(text.AsSpan(tokens[distinct - 1])))
                tokens[distinct++] = tokens[k];
        return distinct;
    }

    /// <summary>The shared tokens (from <paramref name="sharedSource"/>) then the own ones, space-separated.</summary>
    private static string Join(string sharedSource, ReadOnlySpan<Range> shared, string? ownSource, ReadOnlySpan<Range> own)
    {
        var length = -1;
        foreach (var r in shared) length += sharedSource.AsSpan(r).Length + 1;
        foreach (var r in own) length += ownSource!.AsSpan(r).Length + 1;
        if (length <= 0) return "";
        Span<char> buffer = length <= 512 ? stackalloc char[length] : new char[length];
        var at = 0;
        foreach (var r in shared) Append(sharedSource.AsSpan(r), buffer, ref at);
        foreach (var r in own) Append(ownSource!.AsSpan(r), buffer, ref at);
        return new string(buffer);
    }

    private static void Append(ReadOnlySpan<char> token, Span<char> buffer, ref int at)
    {
        if (at > 0) buffer[at++] = ' ';
        token.CopyTo(buffer[at..]);
        at += token.Length;
    }
}
