using Microsoft.Extensions.Logging;

namespace CccdRecon.Server;

/// <summary>Every log line of the server (the stores' own are in CccdRecon.Data's Log). Counts and ids only: never names, dates, ID numbers or addresses.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Database ready ({Provider}), migrations applied: {Migrated}")]
    public static partial void DatabaseReady(ILogger logger, string provider, bool migrated);

    [LoggerMessage(2, LogLevel.Information, "Registry index rebuilt: {Count} records in {ElapsedMs} ms ({Unreadable} unreadable skipped)")]
    public static partial void IndexRebuilt(ILogger logger, int count, long elapsedMs, int unreadable);

    [LoggerMessage(3, LogLevel.Information, "Registry import: {Imported} new, {Updated} updated, {Rejected} rejected")]
    public static partial void RecordsImported(ILogger logger, long imported, long updated, long rejected);

    [LoggerMessage(5, LogLevel.Information, "Batch {BatchId} resumed: {Processed} of {Forms} forms already done")]
    public static partial void BatchResumed(ILogger logger, string batchId, long processed, long forms);

    [LoggerMessage(6, LogLevel.Debug, "Batch {BatchId}: chunk of {Count} written, {Processed} of {Forms} done ({ElapsedMs} ms)")]
    public static partial void ChunkWritten(ILogger logger, string batchId, int count, long processed, long forms, long elapsedMs);

    [LoggerMessage(39, LogLevel.Debug, "Batch {BatchId}: chunk of {Count} read in {ReadMs} ms, matched and composed in {MatchMs} ms")]
    public static partial void ChunkMatched(ILogger logger, string batchId, int count, long readMs, long matchMs);

    [LoggerMessage(21, LogLevel.Debug, "Batch {BatchId}: matching a chunk of {Count} forms")]
    public static partial void MatchingChunk(ILogger logger, string batchId, int count);

    [LoggerMessage(22, LogLevel.Information, "Batch {BatchId}: stopping for shutdown after finishing the chunks in flight ({Processed} of {Forms} done; the rest resumes on the next start)")]
    public static partial void StoppedAfterChunk(ILogger logger, string batchId, long processed, long forms);

    [LoggerMessage(7, LogLevel.Information, "Batch {BatchId} succeeded: {Forms} forms")]
    public static partial void BatchSucceeded(ILogger logger, string batchId, long forms);

    [LoggerMessage(9, LogLevel.Error, "Batch processor failed on batch {BatchId}; retrying after {DelayMs} ms")]
    public static partial void ProcessorFailed(ILogger logger, Exception exception, string batchId, long delayMs);

    [LoggerMessage(12, LogLevel.Warning, "Form {Index} of a stream failed to reconcile ({ExceptionType})")]
    public static partial void ReconcileFailed(ILogger logger, long index, string exceptionType);

    [LoggerMessage(13, LogLevel.Information, "Batch {BatchId}: match model {Version} trained on {Forms} forms in {ElapsedMs} ms")]
    public static partial void ModelTrained(ILogger logger, string batchId, int forms, string version, long elapsedMs);

    [LoggerMessage(19, LogLevel.Information, "Batch {BatchId} is matched with model {Version}")]
    public static partial void BatchModel(ILogger logger, string batchId, string version);

    [LoggerMessage(17, LogLevel.Information, "Development tokens: signed with the local key {KeyPath}; mint one with `cccdrecon token --role ROLE`")]
    public static partial void DevelopmentTokens(ILogger logger, string keyPath);

    [LoggerMessage(18, LogLevel.Information, "Tokens validated against the OpenID Connect authority {Authority} for audience {Audience}")]
    public static partial void AuthorityTokens(ILogger logger, string authority, string audience);

    [LoggerMessage(14, LogLevel.Information, "Listening on {Address} over TLS (HTTP/2)")]
    public static partial void ListeningTls(ILogger logger, string address);

    [LoggerMessage(15, LogLevel.Information, "Listening on {Address} in plain HTTP/2 (h2c): allowed on loopback only")]
    public static partial void ListeningPlainLoopback(ILogger logger, string address);

    [LoggerMessage(16, LogLevel.Warning, "Listening on {Address} in plain HTTP/2 beyond loopback (Transport:AllowPlainHttp): a TLS-terminating proxy must be in front")]
    public static partial void ListeningPlainExposed(ILogger logger, string address);

    [LoggerMessage(33, LogLevel.Information, "Batch {BatchId} taken over from instance {Previous}, whose lease had lapsed")]
    public static partial void BatchTakenOver(ILogger logger, string batchId, string previous);

    [LoggerMessage(34, LogLevel.Information, "Batch {BatchId}: chunk not written (cancelled, finished, or taken over by another instance)")]
    public static partial void ChunkNotWritten(ILogger logger, string batchId);

    [LoggerMessage(35, LogLevel.Warning, "Batch {BatchId}: lease lost to another instance; stopping work on it")]
    public static partial void LeaseLost(ILogger logger, string batchId);

    [LoggerMessage(36, LogLevel.Warning, "Batch {BatchId}: lease renewal failed")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception, string batchId);

    [LoggerMessage(37, LogLevel.Information, "Registry index: {Count} records loaded that other instances imported")]
    public static partial void RegistryRefreshed(ILogger logger, int count);

    [LoggerMessage(38, LogLevel.Warning, "Registry index refresh failed; retrying")]
    public static partial void RegistryRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(30, LogLevel.Information, "{Cases} review cases of an earlier version given their queue order key")]
    public static partial void CasesUpgraded(ILogger logger, long cases);

    [LoggerMessage(32, LogLevel.Information, "{Cases} review cases of an earlier version given the commune of their form's address")]
    public static partial void CasesPlaced(ILogger logger, long cases);

    [LoggerMessage(31, LogLevel.Information, "Review console on {Address} ({Transport})")]
    public static partial void ListeningConsole(ILogger logger, string address, string transport);

    [LoggerMessage(23, LogLevel.Information, "Serving metrics for Prometheus on {Address}/metrics (HTTP/1.1; no personal data)")]
    public static partial void ListeningMetrics(ILogger logger, string address);

    [LoggerMessage(60, LogLevel.Information, "Registry records given their province of residence (written before the column existed): {Records}")]
    public static partial void ResidenceFilled(ILogger logger, long records);

    [LoggerMessage(61, LogLevel.Information, "Cluster mode: the cluster's registry is ready ({ElapsedMs} ms); this process holds no registry index")]
    public static partial void ClusterRegistryReady(ILogger logger, long elapsedMs);

    [LoggerMessage(62, LogLevel.Warning, "Cluster mode: a batch stored with model {BatchModel} is scored with the cluster run's model {RunModel} (partitions score with the run's)")]
    public static partial void BatchModelNotRun(ILogger logger, string batchModel, string runModel);

    [LoggerMessage(63, LogLevel.Information, "Heap compacted after {After} in {ElapsedMs} ms: working set {BeforeMb} MB -> {AfterMb} MB, live heap {HeapMb} MB")]
    public static partial void HeapCompacted(ILogger logger, string after, long elapsedMs, long beforeMb, long afterMb, long heapMb);

    [LoggerMessage(64, LogLevel.Information, "Garbage collector: {Mode}, latency {Latency}; {Settings}")]
    public static partial void GcSettings(ILogger logger, string mode, string latency, string settings);

    [LoggerMessage(65, LogLevel.Information, "Warm-up: a batch's code run once on invented data in {ElapsedMs} ms ({CpuMs} CPU ms, {JitMs} ms compiling {Methods} methods)")]
    public static partial void WarmedUp(ILogger logger, long elapsedMs, long cpuMs, long jitMs, long methods);

    [LoggerMessage(66, LogLevel.Warning, "Warm-up failed (the server starts without it; the first batch compiles its code)")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);
}
