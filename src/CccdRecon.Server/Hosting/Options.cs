using System.ComponentModel.DataAnnotations;

namespace CccdRecon.Server.Hosting;

/// <summary>
/// The model online calls (Reconcile, ReconcileStream) are scored with, in the <c>Matching</c> section beside the
/// thresholds: a model.json written by <c>cccdrecon reconcile</c> on a representative run. Without one, online calls
/// use the untrained default model (its version is <c>MatchModel.Default.Version</c>). Read once at start; a file that
/// cannot be used stops the start with the reason.
/// </summary>
public sealed class ModelOptions
{
    public const string Section = "Matching";

    public string? ModelFile { get; set; }
}

/// <summary>
/// The transport's limits in the <c>Limits</c> section, validated at start (see docs/service.md); the limits the stores
/// enforce (items per message, forms per batch, field length, page sizes) are <see cref="CccdRecon.Data.StoreLimits"/>.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest gRPC message the server accepts.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest gRPC message the server sends.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxSendMessageBytes { get; set; } = 4 * 1024 * 1024;

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

    /// <summary>
    /// Forms per chunk: each chunk's results are written in one transaction by the database's bulk path, while the
    /// next chunk is matched. A kill loses at most the chunks in flight (those being written — two at once on
    /// PostgreSQL — and the one matched).
    /// </summary>
    [Range(1, 50_000)]
    public int ChunkSize { get; set; } = 2_000;

    /// <summary>How often the processor looks for running batches when nothing wakes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A pause after each chunk, to leave CPU to online calls on a busy machine (0 = none).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PauseBetweenChunks { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Train a model on the first <see cref="TrainingSample"/> forms of each batch before matching it, as the offline
    /// <c>reconcile</c> does; off, a batch is matched with the online model (<see cref="ModelOptions.ModelFile"/>).
    /// Either way the batch keeps that model, stored with it: a resumed batch is matched with the same one, and
    /// GetBatch names its version. Not in cluster mode (issue 14): the server holds no registry to train on, and the
    /// silos score with the cluster run's model.
    /// </summary>
    public bool TrainOnBatch { get; set; } = true;

    /// <summary>The offline <c>reconcile</c>'s sample size, so the same files give the same decisions on both paths.</summary>
    [Range(1, 1_000_000)]
    public int TrainingSample { get; set; } = Core.Matching.Reconciler.DefaultTrainingSample;

    /// <summary>
    /// This instance's name in batch leases. Several server instances may share a PostgreSQL or SQL Server database: each
    /// needs its own name. The default, the machine's name and the working directory, stays the same across a restart,
    /// so a restarted instance picks its own batches up again at once instead of waiting for its lease to lapse.
    /// </summary>
    [MaxLength(64)]
    public string? InstanceId { get; set; }

    /// <summary>
    /// How long a batch stays with the instance working on it without a renewal (renewed with every chunk and every
    /// third of this while training); after it lapses, another instance takes the batch over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the registry index loads what other instances on the same database imported.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RegistryRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often WatchBatch checks for progress.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
