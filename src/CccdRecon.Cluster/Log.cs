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

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "Published the registry run from the partitions' source: {Records} records in {Partitions} partitions")]
    public static partial void Published(ILogger logger, int records, int partitions);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Applied {Records} committed registry records to the live run ({New} new, {Partitions} partitions written, {Left} partitions reloading after moves)")]
    public static partial void Applied(ILogger logger, int records, int @new, int partitions, int left);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Information, Message = "Partition {Partition} placed on {Silo}: about {Records} records, {Bytes} bytes reserved")]
    public static partial void PartitionPlaced(ILogger logger, string partition, long records, long bytes, string silo);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Error, Message = "Partition {Partition} refused: about {Records} records ({Bytes} bytes) fit in none of the {Silos} silos' remaining memory budget")]
    public static partial void PartitionRefused(ILogger logger, string partition, long records, long bytes, int silos);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Warning, Message = "Partition {Partition} grew to {Records} records, past its silo's memory budget: moving to a silo with room")]
    public static partial void PartitionMoving(ILogger logger, string partition, int records);

    [LoggerMessage(EventId = 1409, Level = LogLevel.Warning, Message = "The cluster is not ready: {Step} failed (attempt {Attempt}, {Waited:F0} s of {Bound:F0} s); retrying in {Delay:F0} s: {Reason}")]
    public static partial void ClusterNotReady(ILogger logger, string step, int attempt, double waited, double bound, double delay, string reason);

    [LoggerMessage(EventId = 1410, Level = LogLevel.Error, Message = "The cluster did not answer: {Step} failed {Attempts} times over {Waited:F0} s; giving up")]
    public static partial void ClusterUnreachable(ILogger logger, string step, int attempts, double waited);
}
