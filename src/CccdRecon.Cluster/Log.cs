using Microsoft.Extensions.Logging;

namespace CccdRecon.Cluster;

/// <summary>The cluster's log messages (no personal data: partition keys, counts and times only).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Partition {Partition} active with {Records} records (loaded in {Milliseconds:F0} ms)")]
    public static partial void PartitionActivated(ILogger logger, string partition, int records, double milliseconds);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Cluster call failed (attempt {Attempt} of {Attempts}); retrying: {Reason}")]
    public static partial void CallRetried(ILogger logger, int attempt, int attempts, string reason);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Imported {Records} registry records into {Partitions} partitions ({Rejected} unreadable)")]
    public static partial void Imported(ILogger logger, int records, int partitions, int rejected);
}
