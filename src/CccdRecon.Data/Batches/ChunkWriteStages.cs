using System.Globalization;

namespace CccdRecon.Data.Batches;

/// <summary>The steps of a chunk's write, timed for the server's debug log (what bounds the batch's matching phase).</summary>
internal enum ChunkWriteStage
{
    Results,
    Discrepancies,
    /// <summary>Waiting for the write of the chunk before to end (PostgreSQL writes two at once).</summary>
    Before,
    Cases,
    Cleans,
    /// <summary>The batch row: the end check, the conditional counter update, the counts read back.</summary>
    Batch,
    /// <summary>The case tallies.</summary>
    Tallies,
    Commit,
}

/// <summary>Milliseconds spent in each <see cref="ChunkWriteStage"/> of one chunk's write (summed over retried attempts).</summary>
internal sealed class ChunkWriteStages(TimeProvider time)
{
    private readonly double[] _ms = new double[Enum.GetValues<ChunkWriteStage>().Length];
    private long _lap = time.GetTimestamp();

    /// <summary>Starts the next lap now (an attempt begins).</summary>
    public void Restart() => _lap = time.GetTimestamp();

    /// <summary>Counts the time since the last lap to <paramref name="stage"/>.</summary>
    public void Lap(ChunkWriteStage stage)
    {
        var now = time.GetTimestamp();
        _ms[(int)stage] += time.GetElapsedTime(_lap, now).TotalMilliseconds;
        _lap = now;
    }

    public override string ToString()
        => string.Join(", ", Enum.GetValues<ChunkWriteStage>().Select(s => $"{s.ToString().ToLowerInvariant()} {_ms[(int)s].ToString("0", CultureInfo.InvariantCulture)}"));
}
