using System.Buffers;

namespace CccdRecon.Core.Names;

/// <summary>
/// String similarity measures for the matching hot path: no LINQ, no per-call heap allocation for
/// name-sized input (the working arrays live on the stack up to <see cref="StackLimit"/> characters).
/// </summary>
public static class StringSimilarity
{
    private const int StackLimit = 256;

    /// <summary>
    /// Jaro–Winkler similarity in 0..1 (1 = identical), ordinal comparison, prefix scale 0.1 over at most
    /// four characters, applied when the Jaro similarity exceeds 0.7 (Winkler's boost threshold).
    /// Two empty strings are identical; null is treated as empty.
    /// </summary>
    public static double JaroWinkler(string? a, string? b) => JaroWinkler(a.AsSpan(), b.AsSpan());

    /// <inheritdoc cref="JaroWinkler(string?, string?)"/>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        double jaro = Jaro(a, b);
        if (jaro <= 0.7) return jaro;
        int prefix = 0;
        int max = Math.Min(4, Math.Min(a.Length, b.Length));
        while (prefix < max && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>Jaro similarity in 0..1: matching characters within half the longer length, and their transpositions.</summary>
    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty && b.IsEmpty) return 1;
        if (a.IsEmpty || b.IsEmpty) return 0;
        if (a.SequenceEqual(b)) return 1;
        return b.Length <= 64 && System.Text.Ascii.IsValid(a) && System.Text.Ascii.IsValid(b) ? JaroAscii(a, b) : JaroAnyText(a, b);
    }

    /// <summary><see cref="Jaro"/> on any text, with a flag per character (the reference for <see cref="JaroAscii"/>).</summary>
    internal static double JaroAnyText(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty && b.IsEmpty) return 1;
        if (a.IsEmpty || b.IsEmpty) return 0;

        int window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        bool[]? rented = null;
        int total = a.Length + b.Length;
        Span<bool> flags = total <= StackLimit * 2 ? stackalloc bool[total] : (rented = ArrayPool<bool>.Shared.Rent(total));
        flags = flags[..total];
        flags.Clear();
        var matchedA = flags[..a.Length];
        var matchedB = flags[a.Length..];

        int matches = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int from = Math.Max(0, i - window);
            int to = Math.Min(b.Length - 1, i + window);
            for (int j = from; j <= to; j++)
            {
                if (matchedB[j] || a[i] != b[j]) continue;
                matchedA[i] = matchedB[j] = true;
                matches++;
                break;
            }
        }

        double result = 0;
        if (matches > 0)
        {
            int halfTranspositions = 0;
            for (int i = 0, j = 0; i < a.Length; i++)
            {
                if (!matchedA[i]) continue;
                while (!matchedB[j]) j++;
                if (a[i] != b[j]) halfTranspositions++;
                j++;
            }

            double m = matches;
            result = (m / a.Length + m / b.Length + (m - halfTranspositions / 2.0) / m) / 3.0;
        }

        if (rented is not null) ArrayPool<bool>.Shared.Return(rented);
        return result;
    }

    /// <summary>
    /// <see cref="Jaro"/> for ASCII text with <paramref name="b"/> at most 64 characters (every folded name): the same
    /// greedy matching (each character of <paramref name="a"/> takes the first unmatched equal character of
    /// <paramref name="b"/> in its window) on 64-bit masks of <paramref name="b"/>'s positions per character, and the
    /// same arithmetic, so the result is the same double.
    /// </summary>
    [ThreadStatic] private static ulong[]? _positions;

    private static double JaroAscii(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // One table per thread, all zero between calls: only the entries of b's characters are set, and cleared again
        // below (a fresh table would be 1 KB to clear on every call).
        var positions = _positions ??= new ulong[128];
        for (int j = 0; j < b.Length; j++) positions[b[j]] |= 1UL << j;

        int window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        ulong matchedB = 0;
        int matches = 0;
        // a may be longer than 64: its matched positions are kept in b's order of use instead of a mask.
        Span<int> matchedA = stackalloc int[Math.Min(a.Length, b.Length)];
        var inB = b.Length == 64 ? ulong.MaxValue : (1UL << b.Length) - 1;
        for (int i = 0; i < a.Length; i++)
        {
            int from = Math.Max(0, i - window);
            int to = Math.Min(b.Length - 1, i + window);
            if (from > to) continue;
            var inWindow = (to == 63 ? ulong.MaxValue : (1UL << (to + 1)) - 1) & ~((1UL << from) - 1) & inB;
            var free = (a[i] < 128 ? positions[a[i]] : 0) & inWindow & ~matchedB;
            if (free == 0) continue;
            matchedB |= free & (ulong)-(long)free;
            matchedA[matches++] = i;
        }
        foreach (var c in b) positions[c] = 0;
        if (matches == 0) return 0;

        int halfTranspositions = 0;
        var remaining = matchedB;
        for (int k = 0; k < matches; k++)
        {
            int j = System.Numerics.BitOperations.TrailingZeroCount(remaining);
            remaining &= remaining - 1;
            if (a[matchedA[k]] != b[j]) halfTranspositions++;
        }

        double m = matches;
        return (m / a.Length + m / b.Length + (m - halfTranspositions / 2.0) / m) / 3.0;
    }

    /// <summary>
    /// Damerau–Levenshtein distance in its optimal-string-alignment form (insertions, deletions, substitutions
    /// and transpositions of adjacent characters, no substring edited twice). Null is treated as empty.
    /// </summary>
    public static int DamerauDistance(string? a, string? b) => DamerauDistance(a.AsSpan(), b.AsSpan());

    /// <inheritdoc cref="DamerauDistance(string?, string?)"/>
    public static int DamerauDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty) return b.Length;
        if (b.IsEmpty) return a.Length;

        int width = b.Length + 1;
        int size = width * 3;
        int[]? rented = null;
        Span<int> rows = size <= StackLimit * 3 ? stackalloc int[size] : (rented = ArrayPool<int>.Shared.Rent(size));
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(width * 2, width);
        for (int j = 0; j < width; j++) previous[j] = j;

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, beforePrevious[j - 2] + 1);
                }

                current[j] = best;
            }

            var recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }

        int distance = previous[b.Length];
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        return distance;
    }

    /// <summary>
    /// Whether the optimal-string-alignment distance is at most one (equal, or one insertion, deletion, substitution
    /// or adjacent transposition apart): <see cref="DamerauDistance(ReadOnlySpan{char}, ReadOnlySpan{char})"/> ≤ 1
    /// in one linear pass.
    /// </summary>
    public static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        var i = a.CommonPrefixLength(b);
        if (i == a.Length && i == b.Length) return true;
        if (a.Length == b.Length)
        {
            if (a[(i + 1)..].SequenceEqual(b[(i + 1)..])) return true;
            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]);
        }

        return a.Length > b.Length ? a[(i + 1)..].SequenceEqual(b[i..]) : a[i..].SequenceEqual(b[(i + 1)..]);
    }

    /// <summary>
    /// Length of the longest common subsequence, by the bit-parallel method (Allison–Dix, Hyyrö): one pass over
    /// <paramref name="b"/> with the positions of each character of <paramref name="a"/> held in 64-bit words.
    /// The indel distance of the two strings is their total length minus twice this.
    /// </summary>
    public static int LongestCommonSubsequence(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length > b.Length)
        {
            var t = a;
            a = b;
            b = t;
        }

        if (a.IsEmpty) return 0;
        var words = (a.Length + 63) >> 6;
        return !System.Text.Ascii.IsValid(a) || words > 4 ? LcsAnyText(a, b, words) : LcsAscii(a, b, words);
    }

    /// <summary>ASCII pattern: its positions per character straight from a table.</summary>
    private static int LcsAscii(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int words)
    {
        Span<ulong> masks = stackalloc ulong[128 * words];
        for (int k = 0; k < a.Length; k++) masks[a[k] * words + (k >> 6)] |= 1UL << (k & 63);
        Span<ulong> v = stackalloc ulong[words];
        v.Fill(ulong.MaxValue);
        foreach (var c in b)
            if (c < 128) Advance(v, masks.Slice(c * words, words));
        return CountLcs(v, a.Length);
    }

    /// <summary>Any text: the pattern's distinct characters sorted, each with its positions, found by binary search.</summary>
    private static int LcsAnyText(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int words)
    {
        int distinct = 0;
        Span<char> chars = a.Length <= StackLimit ? stackalloc char[a.Length] : new char[a.Length];
        a.CopyTo(chars);
        chars.Sort();
        for (int k = 0; k < chars.Length; k++)
            if (distinct == 0 || chars[k] != chars[distinct - 1]) chars[distinct++] = chars[k];
        chars = chars[..distinct];
        var size = distinct * words;
        ulong[]? rented = null;
        Span<ulong> masks = size <= StackLimit ? stackalloc ulong[size] : (rented = ArrayPool<ulong>.Shared.Rent(size));
        masks = masks[..size];
        masks.Clear();
        for (int k = 0; k < a.Length; k++)
            masks[chars.BinarySearch(a[k]) * words + (k >> 6)] |= 1UL << (k & 63);

        Span<ulong> v = words <= 16 ? stackalloc ulong[words] : new ulong[words];
        v.Fill(ulong.MaxValue);
        foreach (var c in b)
        {
            var found = chars.BinarySearch(c);
            if (found >= 0) Advance(v, masks.Slice(found * words, words));
        }

        if (rented is not null) ArrayPool<ulong>.Shared.Return(rented);
        return CountLcs(v, a.Length);
    }

    /// <summary>One step of the bit-parallel LCS: V = (V + (V &amp; M)) | (V &amp; ~M), the addition carried across words.</summary>
    private static void Advance(Span<ulong> v, ReadOnlySpan<ulong> mask)
    {
        ulong carry = 0;
        for (int w = 0; w < v.Length; w++)
        {
            var u = v[w] & mask[w];
            var sum = v[w] + u;
            var carryOut = sum < u ? 1UL : 0UL;
            sum += carry;
            carryOut |= sum < carry ? 1UL : 0UL;
            v[w] = sum | (v[w] & ~u);
            carry = carryOut;
        }
    }

    /// <summary>The LCS length: the zero bits of V within the pattern's length.</summary>
    private static int CountLcs(ReadOnlySpan<ulong> v, int length)
    {
        int lcs = 0;
        for (int w = 0; w < v.Length; w++)
        {
            var bits = w == v.Length - 1 && (length & 63) != 0 ? v[w] | ulong.MaxValue << (length & 63) : v[w];
            lcs += System.Numerics.BitOperations.PopCount(~bits);
        }

        return lcs;
    }
}
