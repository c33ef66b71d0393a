using System.Globalization;

namespace CccdRecon.Fuzz.Tests.Harness;

/// <summary>
/// How long to fuzz. The defaults keep the whole project under a few minutes on a shared two-core machine;
/// <c>CCCDRECON_FUZZ_ITERATIONS</c> runs longer and <c>CCCDRECON_FUZZ_SEED</c> explores other inputs.
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultIterations = 100_000;

    public static int Iterations { get; } = ReadInt("CCCDRECON_FUZZ_ITERATIONS") ?? DefaultIterations;

    /// <summary>The first iteration to run (<c>CCCDRECON_FUZZ_FIRST</c>): with the iteration count, replays one failing input.</summary>
    public static int FirstIteration { get; } = ReadInt("CCCDRECON_FUZZ_FIRST") ?? 0;

    /// <summary>Added to every target's own seed, so a different value explores different inputs everywhere.</summary>
    public static int SeedOffset { get; } = ReadInt("CCCDRECON_FUZZ_SEED") ?? 0;

    /// <summary>A target's base seed: stable across runs and machines (string.GetHashCode is randomized per process).</summary>
    public static int SeedFor(string target)
    {
        var hash = 2166136261u;
        foreach (var c in target)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash + SeedOffset);
    }

    /// <summary>The seed of one iteration, so a failure can be replayed alone.</summary>
    public static int IterationSeed(int baseSeed, int iteration) =>
        unchecked((int)(((uint)baseSeed * 0x9E3779B1u) ^ ((uint)iteration * 0x85EBCA6Bu)));

    private static readonly string? TraceFolder = Environment.GetEnvironmentVariable("CCCDRECON_FUZZ_TRACE");

    /// <summary>
    /// With <c>CCCDRECON_FUZZ_TRACE</c> set to a folder, records the iteration each target is on (one file per target),
    /// so an input that hangs can be found and replayed.
    /// </summary>
    public static void Trace<T>(string target, int iteration, T input)
    {
        if (TraceFolder is null)
        {
            return;
        }

        File.WriteAllText(Path.Combine(TraceFolder, target + ".txt"), iteration.ToString(CultureInfo.InvariantCulture));
        switch (input)
        {
            case byte[] bytes:
                File.WriteAllBytes(Path.Combine(TraceFolder, target + ".input"), bytes);
                break;
            case string text:
                File.WriteAllText(Path.Combine(TraceFolder, target + ".input"), text);
                break;
        }
    }

    private static int? ReadInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : null;
}
