namespace CccdRecon.Cli.Generate;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed on every runtime, so a seed always gives the
/// same files (System.Random's seeded algorithm is not a documented contract).
/// </summary>
internal sealed class Rng(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)((NextUInt64() >> 11) % (ulong)maxExclusive);

    /// <summary>Uniform in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    public int PickWeighted(IReadOnlyList<double> cumulativeWeights)
    {
        var x = NextDouble() * cumulativeWeights[^1];
        var lo = 0;
        var hi = cumulativeWeights.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (cumulativeWeights[mid] > x) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    public string Digits(int count)
    {
        Span<char> buffer = stackalloc char[count];
        for (var i = 0; i < count; i++) buffer[i] = (char)('0' + Next(10));
        return new string(buffer);
    }
}
