namespace CccdRecon.Data.Entities;

/// <summary>A batch run: the counters change only in the transaction that writes a chunk's results.</summary>
public sealed class BatchRow
{
    /// <summary>A version-7 GUID ("N" format), so ids sort by creation time.</summary>
    public required string Id { get; set; }
    public string DisplayName { get; set; } = "";
    public string FormsHash { get; set; } = "";
    /// <summary>The administrative unit (đơn vị hành chính) code the batch belongs to; reviewers are scoped by it.</summary>
    public string Unit { get; set; } = "";
    public BatchRunState State { get; set; }
    public long FormCount { get; set; }
    /// <summary>Forms received by AddForms (accepted, duplicate or rejected), committed with each message.</summary>
    public long ReceivedCount { get; set; }
    public long ProcessedCount { get; set; }
    public long CleanCount { get; set; }
    public long ReviewCount { get; set; }
    public long NoMatchCount { get; set; }
    public long AmbiguousCount { get; set; }
    /// <summary>
    /// The highest form row id whose result is written: forms are matched in id order, so every form up to it is
    /// done and none after it. Moves only in the transaction that writes a chunk.
    /// </summary>
    public long ProcessedThrough { get; set; }
    /// <summary>The server instance that holds the batch's processing lease (several instances may share a database).</summary>
    public string? LeaseOwner { get; set; }
    /// <summary>When the lease lapses unless renewed; another instance may take the batch over after it.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The version of the model the batch is matched with (<c>MatchModel.Version</c>); null until its first chunk.</summary>
    public string? ModelVersion { get; set; }
    /// <summary>That model as model.json, kept so a resumed batch is matched with the same model.</summary>
    public string? ModelJson { get; set; }
}
