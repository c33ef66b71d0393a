using System.Diagnostics;
using System.Runtime;

namespace CccdRecon.Server.Hosting;

/// <summary>
/// Gives the memory of the server's few large, one-off jobs back at once: a registry import or an index rebuild (each
/// load of records lays the index's blocks out anew, so the large arrays of every earlier layout are garbage) and a
/// batch's training and chunks. The registry index is most of the heap and lives for good, so after such a job the
/// garbage sits in the oldest generation and in the large object heap, beside the index, where the collector's own
/// schedule leaves it for a long time (gen2 collections are rare and seldom compact); meanwhile it holds pages the
/// process does not need. One blocking, compacting collection of every generation, large objects included, that also
/// decommits the free space (<see cref="GCCollectionMode.Aggressive"/>) brings the process back to its live data. It
/// pauses the process for as long as a full collection takes (about a second per GB of live data on two cores), so it
/// runs only after work that changed a large share of the heap, never per call.
/// </summary>
internal sealed class HeapCompaction(ILogger<HeapCompaction> logger)
{
    /// <summary>
    /// An import compacts the heap when it changed at least this share of the registry's records (and at least
    /// <see cref="MinimumRecords"/>): a small correction import changes little and is not worth a full pause.
    /// </summary>
    public const double ShareOfRegistry = 0.1;

    /// <summary>Records an import must change at least to compact the heap.</summary>
    public const long MinimumRecords = 20_000;

    /// <summary>
    /// Below this much committed memory a compaction is not worth its pause: the collector's own schedule keeps a small
    /// heap small (and the tests' many small batches pay nothing).
    /// </summary>
    public const long MinimumCommittedBytes = 512L << 20;

    /// <summary>
    /// How much the young generations (gen1 above all) may hold before a chunk's writer collects them. A batch's chunks
    /// live from their read to their write, across several gen0 collections while the next chunk is matched, so each
    /// ends up in gen1; the collector sizes gen1's budget from how little of it survives, and let it pile up to over half
    /// a GB of dead chunks (measured at 400k forms) before collecting it. A gen1 collection costs little (the registry in
    /// gen2 is not traced, only the few cards written since), so it runs whenever gen1 passes this size.
    /// </summary>
    public const long YoungGenerationsLimitBytes = 256L << 20;

    private int _running;

    /// <summary>
    /// After a chunk is written: collects gen0 and gen1 when the last collection left more than
    /// <see cref="YoungGenerationsLimitBytes"/> in gen1 (dead chunks, almost all of it).
    /// </summary>
    public static void AfterChunk()
    {
        var last = GC.GetGCMemoryInfo();
        if (last.GenerationInfo[1].SizeAfterBytes > YoungGenerationsLimitBytes)
        {
            GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        }
    }

    /// <summary>Whether an import that changed <paramref name="records"/> of a registry now holding <paramref name="registrySize"/> is worth a compaction.</summary>
    public static bool IsLargeImport(long records, long registrySize)
        => records >= MinimumRecords && records >= ShareOfRegistry * registrySize;

    /// <summary>
    /// Compacts the whole heap and gives its free pages back, when the heap is large (<see cref="MinimumCommittedBytes"/>);
    /// at most one at a time: a second caller meanwhile returns at once, the first one's collection serves both.
    /// <paramref name="after"/> names the job, for the log.
    /// </summary>
    public void Compact(string after)
    {
        if (GC.GetGCMemoryInfo().TotalCommittedBytes < MinimumCommittedBytes || Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }
        try
        {
            var before = Environment.WorkingSet;
            var watch = Stopwatch.StartNew();
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            Log.HeapCompacted(logger, after, (long)watch.Elapsed.TotalMilliseconds, before >> 20, Environment.WorkingSet >> 20, info.HeapSizeBytes >> 20);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>The collector's settings as the runtime took them, logged once at start (memory figures are read against them).</summary>
    public void LogSettings()
    {
        var settings = GC.GetConfigurationVariables().OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => $"{s.Key}={Convert.ToString(s.Value, System.Globalization.CultureInfo.InvariantCulture)}");
        Log.GcSettings(logger, GCSettings.IsServerGC ? "server" : "workstation", GCSettings.LatencyMode.ToString(), string.Join(", ", settings));
    }
}
