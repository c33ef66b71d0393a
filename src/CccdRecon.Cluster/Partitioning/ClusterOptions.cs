namespace CccdRecon.Cluster.Partitioning;

/// <summary>Cluster mode (configuration section <c>Cluster</c>). Off by default: one process holds the whole registry.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>On: the hosts are Orleans clients and the registry lives in silos.</summary>
    public bool Enabled { get; set; }

    /// <summary>Orleans cluster id: silos and clients of one cluster share it.</summary>
    public string ClusterId { get; set; } = "cccdrecon";

    /// <summary>Orleans service id (stable across deployments of the same service).</summary>
    public string ServiceId { get; set; } = "cccdrecon";

    /// <summary>Membership table: <see cref="RedisMembership"/> or <see cref="AdoNetMembership"/> (SQL Server through Orleans' published scripts).</summary>
    public string Membership { get; set; } = RedisMembership;

    /// <summary><see cref="Membership"/> in Redis (<c>Microsoft.Orleans.Clustering.Redis</c>): the tested one.</summary>
    public const string RedisMembership = "Redis";

    /// <summary><see cref="Membership"/> in SQL Server through ADO.NET (<c>Microsoft.Orleans.Clustering.AdoNet</c>).</summary>
    public const string AdoNetMembership = "AdoNet";

    /// <summary>The membership store's connection string (Redis: "host:port"; AdoNet: a SQL Server connection string).</summary>
    public string MembershipConnectionString { get; set; } = "";

    /// <summary>ADO.NET invariant of the membership database (AdoNet only).</summary>
    public string AdoNetInvariant { get; set; } = "Microsoft.Data.SqlClient";

    /// <summary>
    /// Where partitions keep their records between activations: a directory every silo can read (a shared volume in
    /// production). A partition reactivated on another silo after a crash reloads from here.
    /// </summary>
    public string SnapshotDirectory { get; set; } = "cluster-data";

    /// <summary>
    /// Where partitions load their records from when activated: <see cref="RegistrySourceKind.Snapshot"/> (the snapshot
    /// directory, filled by <c>CccdRecon.Silo import</c>) or <see cref="RegistrySourceKind.Database"/> (the registry
    /// database the server stores, configured like the server's: <c>Database:Provider</c>, <c>ConnectionStrings:Recon</c>;
    /// imports then go through the server's RegistryService).
    /// </summary>
    public RegistrySourceKind RegistrySource { get; set; } = RegistrySourceKind.Snapshot;

    /// <summary>
    /// Silos only: the memory this silo may give to registry partitions, in bytes; 0 (the default) sets no budget. A
    /// partition is placed only on a silo whose budget still holds it (<see cref="Placement.MemoryBudgetPlacementDirector"/>).
    /// </summary>
    public long MemoryBudgetBytes { get; set; }

    /// <summary>
    /// The memory one registry record costs in a silo, for placement: 4,900 bytes measured (bench/cluster: RSS growth
    /// per record of a loaded silo, server GC's headroom included).
    /// </summary>
    public long BytesPerRecord { get; set; } = 4_900;

    /// <summary>Provinces (current administrative code) split into commune buckets, with the number of buckets.</summary>
    public Dictionary<string, int> CommuneBuckets { get; set; } = new(StringComparer.Ordinal) { ["01"] = 4, ["79"] = 4 };

    /// <summary>Grains of the ID-number index (ID → partition), by a hash of the number.</summary>
    public int IdBuckets { get; set; } = 16;

    /// <summary>Partitions asked at once when a form without a match at home fans out on its tight fields.</summary>
    public int FanOutConcurrency { get; set; } = 8;

    /// <summary>Forms of a batch chunk in flight at once through the cluster (the server's batch processor in cluster mode).</summary>
    public int BatchConcurrency { get; set; } = 32;

    /// <summary>At most this many partitions are asked in a fan-out (the largest national map has 34 provinces and their buckets).</summary>
    public int FanOutMaxPartitions { get; set; } = 128;

    /// <summary>
    /// How long a client waits for a form's answer from a partition before repeating the call. A call to a silo that
    /// died waits this long at most (a form takes milliseconds); imports have their own, longer limit.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per grain call when a silo is lost (a reconciliation is read-only, so it can be repeated).</summary>
    public int CallAttempts { get; set; } = 8;

    /// <summary>
    /// How long a client host (the gRPC server in cluster mode, <c>CccdRecon.Silo import</c>) keeps trying to reach the
    /// cluster at start — no silo up yet, or one too loaded to place the partitions in time — before it gives up with one
    /// line and a non-zero exit (<see cref="Hosting.ClusterStartRetry"/>).
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = DefaultStartTimeout;

    /// <summary>The default <see cref="StartTimeout"/>: silos started beside the server (or a loaded machine) have this long.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromMinutes(3);

    public List<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (code, n) in CommuneBuckets)
            if (n is < 1 or > 64) problems.Add($"Cluster:CommuneBuckets:{code} must be between 1 and 64.");
        if (IdBuckets is < 1 or > 4096) problems.Add("Cluster:IdBuckets must be between 1 and 4096.");
        if (FanOutConcurrency < 1) problems.Add("Cluster:FanOutConcurrency must be at least 1.");
        if (BatchConcurrency < 1) problems.Add("Cluster:BatchConcurrency must be at least 1.");
        if (FanOutMaxPartitions < 0) problems.Add("Cluster:FanOutMaxPartitions must not be negative.");
        if (CallAttempts < 1) problems.Add("Cluster:CallAttempts must be at least 1.");
        if (CallTimeout <= TimeSpan.Zero) problems.Add("Cluster:CallTimeout must be positive.");
        if (StartTimeout <= TimeSpan.Zero) problems.Add("Cluster:StartTimeout must be positive.");
        if (Enabled && string.IsNullOrWhiteSpace(MembershipConnectionString)) problems.Add("Cluster:MembershipConnectionString is required when Cluster:Enabled is true.");
        if (MemoryBudgetBytes < 0) problems.Add("Cluster:MemoryBudgetBytes must not be negative (0: no budget).");
        if (BytesPerRecord < 1) problems.Add("Cluster:BytesPerRecord must be at least 1.");
        if (!Enum.IsDefined(RegistrySource)) problems.Add("Cluster:RegistrySource must be Snapshot or Database.");
        if (Membership is not (RedisMembership or AdoNetMembership)) problems.Add("Cluster:Membership must be Redis or AdoNet.");
        return problems;
    }
}

/// <summary>Where a cluster's partitions load their records from (<see cref="ClusterOptions.RegistrySource"/>).</summary>
public enum RegistrySourceKind
{
    /// <summary>The snapshot directory (JSON lines per grain), filled by <c>CccdRecon.Silo import</c>.</summary>
    Snapshot,

    /// <summary>The registry database the server stores; imports go through the server.</summary>
    Database,
}
