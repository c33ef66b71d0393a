using CccdRecon.Core.Matching;
using CccdRecon.Data.Entities;

namespace CccdRecon.Data.Batches;

/// <summary>A batch run (đợt đối soát) as the stores report it: its state and counters at one moment.</summary>
public sealed record BatchRun(
    string Id,
    string DisplayName,
    string FormsHash,
    string Unit,
    BatchRunState State,
    long FormCount,
    long ReceivedCount,
    long ProcessedCount,
    long CleanCount,
    long ReviewCount,
    long NoMatchCount,
    long AmbiguousCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? ModelVersion = null)
{
    public bool IsFinished => State is BatchRunState.Succeeded or BatchRunState.Cancelled;

    internal static BatchRun Of(BatchRow row) => new(
        row.Id, row.DisplayName, row.FormsHash, row.Unit, row.State, row.FormCount, row.ReceivedCount, row.ProcessedCount,
        row.CleanCount, row.ReviewCount, row.NoMatchCount, row.AmbiguousCount, row.CreatedAt, row.StartedAt, row.CompletedAt, row.ModelVersion);
}

/// <summary>What a new batch is: a name for people, the hash of its forms file (to find it again) and its unit.</summary>
public sealed record NewBatch(string DisplayName, string FormsHash, string Unit);

/// <summary>A listing of batches, newest first, optionally of one forms file.</summary>
public sealed record BatchQuery(string? FormsHash, Paging.PageRequest Page);

/// <summary>
/// A listing of a batch's results in form order, optionally of one status; without the explanations (an empty one in
/// each result) unless asked for.
/// </summary>
public sealed record ResultQuery(string BatchId, MatchStatus? Status, Paging.PageRequest Page, bool WithExplanations = true);

/// <summary>A form of a running batch not matched yet, with its place in the batch.</summary>
public sealed record PendingForm(long Position, SurveyForm Form);

/// <summary>
/// A batch processor of one server instance: who it is (<c>Batch:InstanceId</c>, unique among the instances sharing a
/// database) and how long a lease it takes on a batch; it renews the lease well before then while it works.
/// </summary>
public sealed record BatchWorker(string Owner, TimeSpan LeaseDuration);

/// <summary>What renewing a lease found: renewed; taken by another instance (or lapsed and taken); or the batch no longer running (it finished or was cancelled), which ends the work without a lease lost.</summary>
public enum LeaseRenewal
{
    Renewed,
    Lost,
    BatchEnded,
}

/// <summary>A batch leased to a worker: where its written results end, and the instance it was taken over from, if any.</summary>
public sealed record LeasedBatch(string BatchId, long ProcessedThrough, string? TakenFrom);

/// <summary>What writing a chunk did: nothing if the batch stopped running meanwhile or the worker lost its lease.</summary>
/// <param name="ProcessedBefore">Forms already done before this chunk (a resumed batch has some on its first chunk).</param>
public sealed record ChunkWritten(bool Written, long ProcessedBefore, long Processed, long FormCount, bool Finished)
{
    public static readonly ChunkWritten Nothing = new(false, 0, 0, 0, false);
}
