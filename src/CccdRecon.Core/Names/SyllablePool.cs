using System.Collections.Concurrent;

namespace CccdRecon.Core.Names;

/// <summary>
/// Shares one string per distinct syllable. Vietnamese names draw on a few thousand syllables, so a registry of
/// millions of names keeps each "nguyễn" once instead of millions of times. Bounded, so hostile input cannot grow it
/// without limit: past the cap new syllables are simply not shared.
/// </summary>
internal static class SyllablePool
{
    private const int Capacity = 200_000;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Pool.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Get(ReadOnlySpan<char> syllable)
    {
        if (Lookup.TryGetValue(syllable, out var shared)) return shared;
        var s = syllable.ToString();
        return Pool.Count < Capacity ? Pool.GetOrAdd(s, s) : s;
    }
}
