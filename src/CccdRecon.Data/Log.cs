using Microsoft.Extensions.Logging;

namespace CccdRecon.Data;

/// <summary>Every log line of the stores. Counts and ids only: never names, dates, ID numbers or addresses.</summary>
internal static partial class Log
{
    [LoggerMessage(4, LogLevel.Information, "Batch {BatchId} started with {Forms} forms")]
    public static partial void BatchStarted(ILogger logger, string batchId, long forms);

    [LoggerMessage(8, LogLevel.Information, "Batch {BatchId} cancelled after {Processed} forms")]
    public static partial void BatchCancelled(ILogger logger, string batchId, long processed);

    [LoggerMessage(10, LogLevel.Information, "Case {CaseId} resolved by a reviewer")]
    public static partial void CaseResolved(ILogger logger, long caseId);

    [LoggerMessage(11, LogLevel.Information, "Case {CaseId}: stale etag rejected")]
    public static partial void StaleEtag(ILogger logger, long caseId);

    [LoggerMessage(12, LogLevel.Information, "Bulk decision {BulkId}: {Applied} field decisions written, {Resolved} cases resolved")]
    public static partial void BulkDecided(ILogger logger, long bulkId, long applied, long resolved);

    [LoggerMessage(13, LogLevel.Information, "Batch {BatchId} re-run: {Kept} forms keep a person's decision, {Pending} forms to match again")]
    public static partial void BatchRerun(ILogger logger, string batchId, long kept, long pending);

    [LoggerMessage(19, LogLevel.Error, "Audit trail: {Count} queued events not written yet; retrying")]
    public static partial void AuditWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(21, LogLevel.Critical, "The database is lost: {Problem}. Nothing more is served or written: every call answers UNAVAILABLE and health NOT_SERVING. Restore the database from a backup and restart (docs/service.md, Backup and restore)")]
    public static partial void DatabaseLost(ILogger logger, string problem);

    [LoggerMessage(22, LogLevel.Information, "SQLite database {Path} held by this process (created: {Created}, integrity checked: {Checked}); files owner-only")]
    public static partial void DatabaseOpened(ILogger logger, string path, bool created, bool @checked);

    [LoggerMessage(20, LogLevel.Information, "Batch {BatchId}: forms were added concurrently; this message was refused and can be resent")]
    public static partial void ConcurrentAdd(ILogger logger, string batchId);

    [LoggerMessage(23, LogLevel.Information, "Registry records were imported concurrently by another call; this message is written again (attempt {Attempt})")]
    public static partial void ConcurrentImport(ILogger logger, int attempt);

    [LoggerMessage(40, LogLevel.Error, "Cluster mode: {Records} registry records were committed to the database but the cluster could not be updated; the caller is told to send them again")]
    public static partial void ReplicaFailed(ILogger logger, Exception exception, int records);

    [LoggerMessage(41, LogLevel.Debug, "Batch {BatchId}: chunk written in {ElapsedMs} ms ({Stages})")]
    public static partial void ChunkWriteStages(ILogger logger, string batchId, long elapsedMs, string stages);

    [LoggerMessage(42, LogLevel.Error, "A database transaction failed at {Step}")]
    public static partial void TransactionFailed(ILogger logger, Exception exception, string step);
}
