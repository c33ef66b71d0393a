using System.ComponentModel.DataAnnotations;

namespace CccdRecon.Server.Hosting;

/// <summary>The <c>Limits</c> section: request size limits, validated at start (see docs/service.md).</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest gRPC message the server accepts.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest gRPC message the server sends.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxSendMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most records or forms in one ImportRecords/AddForms message.</summary>
    [Range(1, 100_000)]
    public int MaxItemsPerMessage { get; set; } = 1_000;

    /// <summary>Most forms in one batch.</summary>
    [Range(1, 100_000_000)]
    public int MaxFormsPerBatch { get; set; } = 1_000_000;

    /// <summary>Longest value of any text field.</summary>
    [Range(16, 4_000)]
    public int MaxFieldLength { get; set; } = 512;

    [Range(1, 10_000)]
    public int DefaultPageSize { get; set; } = 100;

    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 1_000;

    /// <summary>Most per-item errors listed in one import/add response (the counts are always exact).</summary>
    [Range(0, 100_000)]
    public int MaxReportedErrors { get; set; } = 1_000;

    /// <summary>Most messages in one request stream (ImportRecords, AddForms, ReconcileStream).</summary>
    [Range(1, 10_000_000)]
    public int MaxStreamMessages { get; set; } = 100_000;

    /// <summary>Calls per second per caller (token subject; the client address for calls without a token).</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 1_000;

    /// <summary>Calls a caller may make at once above the steady rate.</summary>
    [Range(1, 1_000_000)]
    public int RequestBurst { get; set; } = 2_000;
}

/// <summary>The <c>Batch</c> section: how the background processor works through batches.</summary>
public sealed class BatchOptions
{
    public const string Section = "Batch";

    /// <summary>Forms per chunk: each chunk's results are written in one transaction.</summary>
    [Range(1, 10_000)]
    public int ChunkSize { get; set; } = 200;

    /// <summary>How often the processor looks for running batches when nothing wakes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A pause after each chunk, to leave CPU to online calls on a busy machine (0 = none).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PauseBetweenChunks { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Re-estimate the match model (EM) on the first <see cref="TrainingSample"/> forms of each batch before matching
    /// it, as the offline <c>reconcile</c> does. The sample is the same after a restart, so a resumed batch is
    /// matched with the same model.
    /// </summary>
    public bool TrainOnBatch { get; set; } = true;

    [Range(1, 1_000_000)]
    public int TrainingSample { get; set; } = 20_000;

    /// <summary>How often WatchBatch checks for progress.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
