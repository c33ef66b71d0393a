using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CccdRecon.Core.Matching;

/// <summary>
/// Asks the processor to start loading a cache line that will be read soon, without waiting for it (a software prefetch).
/// A plain load used as a read-ahead holds up the instructions behind it once it reaches the head of the reorder window,
/// so a loop of them overlaps only a few misses, and none with the work around it; a prefetch retires at once. Advice
/// only: it never faults, never changes memory, and where the processor has no such instruction nothing happens.
/// </summary>
internal static class CacheLineReadAhead
{
    /// <summary>Starts loading the line holding <paramref name="location"/> into every cache level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Start<T>(ref readonly T location) where T : struct
    {
        // The address is only handed to the prefetch instruction, which reads nothing through it: a pointer that the
        // collector moves right after (the sketches are pinned; postings are not) costs at most a wasted prefetch.
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in location)));
    }
}
