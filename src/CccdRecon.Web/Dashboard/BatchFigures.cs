using CccdRecon.Data.Entities;

namespace CccdRecon.Web.Dashboard;

/// <summary>A batch's progress: what its row counts, kept in the transaction of every chunk (no query over forms).</summary>
public sealed record BatchProgress(
    string Id,
    string DisplayName,
    string Unit,
    BatchRunState State,
    long Forms,
    long Received,
    long Processed,
    long Clean,
    long Review,
    long NoMatch,
    long Ambiguous,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt)
{
    public bool IsRunning => State is BatchRunState.Open or BatchRunState.Running;

    /// <summary>Share of the batch's forms matched, 0 to 1.</summary>
    public double Done => Forms <= 0 ? (State == BatchRunState.Succeeded ? 1 : 0) : Math.Clamp((double)Processed / Forms, 0, 1);

    public static BatchProgress Of(BatchRow b) => new(b.Id, b.DisplayName, b.Unit, b.State, b.FormCount, b.ReceivedCount, b.ProcessedCount,
        b.CleanCount, b.ReviewCount, b.NoMatchCount, b.AmbiguousCount, b.CreatedAt, b.StartedAt, b.CompletedAt);
}

/// <summary>Review progress of a batch's cases: open (nobody holds them), claimed (held now), resolved.</summary>
public sealed record ReviewProgress(long Open, long Claimed, long Resolved)
{
    public long Total => Open + Claimed + Resolved;
}

/// <summary>Cases of one kind, by state.</summary>
public sealed record KindCount(CaseKind Kind, long Open, long Resolved);

/// <summary>Flagged fields of one field and kind of difference, by state of their cases.</summary>
public sealed record FlagCount(string Field, string DiffKind, long Open, long Resolved)
{
    public long Total => Open + Resolved;
}

/// <summary>Cases of one commune (read from the forms' addresses), by kind.</summary>
public sealed record CommuneCount(string Commune, long Differences, long Ambiguous, long NoMatch)
{
    public long Total => Differences + Ambiguous + NoMatch;
}

/// <summary>One reviewer's part: cases held now, cases decided.</summary>
public sealed record ReviewerCount(string Reviewer, long Claimed, long Decided);

/// <summary>
/// Time a reviewer spends per case, from the gaps between the cases they resolved one after another (gaps over
/// <see cref="DashboardQueries.Break"/> are breaks, not work), over the batch's latest resolved cases.
/// </summary>
/// <param name="Buckets">How many cases took each span of <see cref="DashboardQueries.TimeBuckets"/>.</param>
public sealed record CaseTimes(int Sample, TimeSpan? Median, TimeSpan? P90, IReadOnlyList<long> Buckets);

/// <summary>Everything the dashboard of one batch shows.</summary>
public sealed record BatchFigures(
    BatchProgress Batch,
    ReviewProgress Review,
    IReadOnlyList<KindCount> Kinds,
    IReadOnlyList<FlagCount> Flags,
    IReadOnlyList<CommuneCount> Communes,
    IReadOnlyList<ReviewerCount> Reviewers,
    CaseTimes Times,
    DateTimeOffset At);

/// <summary>The whole service's figures, as metrics: batches by state, running batches' forms, cases by kind and review state.</summary>
public sealed record ServiceFigures(
    IReadOnlyList<(BatchRunState State, long Count)> Batches,
    long RunningForms,
    long RunningProcessed,
    IReadOnlyList<(CaseKind Kind, string State, long Count)> Cases);
