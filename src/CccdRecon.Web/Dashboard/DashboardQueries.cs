using System.Collections.Concurrent;
using CccdRecon.Data;
using CccdRecon.Data.Access;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Review;
using CccdRecon.Reports;
using CccdRecon.Core.Addresses;
using CccdRecon.Reports.Arrangement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CccdRecon.Web.Dashboard;

/// <summary>
/// The batch dashboard's figures, each from what is already kept small: the batch row's counters (progress and outcome),
/// the case tallies (cases by kind and state, flagged fields by field and kind — kept in the transaction of every change,
/// so a few rows whatever the batch's size), live claims through the claim index (few), and SQL <c>GROUP BY</c>s for
/// reviewers' decisions, and cases by commune (the commune stored on each case, grouped in the database over the batch's
/// range of its index; kept for a finished batch, a running batch's at most once a minute); time per case reads the
/// latest <see cref="TimeSample"/> resolved cases only. No figure loads a batch's cases. Every figure is a count or a duration: no personal data.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<ReconDbContext> dbFactory, IOptions<ReviewOptions> review, TimeProvider time)
{
    /// <summary>Resolved cases read for the time per case.</summary>
    public const int TimeSample = 2_000;

    /// <summary>A gap longer than this between two cases a reviewer resolved is a break, not time spent on the case.</summary>
    public static readonly TimeSpan Break = TimeSpan.FromMinutes(30);

    /// <summary>Upper bounds of the time-per-case histogram's spans (the last span is everything up to <see cref="Break"/>).</summary>
    public static readonly TimeSpan[] TimeBuckets =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), Break];

    /// <summary>Batches listed on <c>/batches</c>, newest first.</summary>
    public const int ListSize = 200;

    /// <summary>How long the cases by commune of a running batch are reused (a finished batch's are kept).</summary>
    public static readonly TimeSpan RunningCommunes = TimeSpan.FromSeconds(60);

    /// <summary>How long the figures that cost more than an index range are reused.</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, (long Processed, DateTimeOffset At, IReadOnlyList<CommuneCount> Counts)> _communes = new();
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<ReviewerCount> Reviewers, CaseTimes Times)> _reviewers = new();

    /// <summary>The caller's batches, newest first (ids are version-7 GUIDs: they sort by creation).</summary>
    public async Task<IReadOnlyList<(BatchProgress Batch, ReviewProgress Review)>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batches = db.Batches.AsNoTracking();
        if (!caller.SeesAllUnits)
        {
            var units = caller.Units.ToList();
            batches = batches.Where(b => units.Contains(b.Unit));
        }
        var rows = await batches.OrderByDescending(b => b.Id).Take(ListSize).ToListAsync(cancellationToken);
        var ids = rows.Select(b => b.Id).ToList();
        var tallies = await db.CaseTallies.AsNoTracking().Where(t => ids.Contains(t.BatchId) && t.Field == "" && t.Count != 0)
            .GroupBy(t => new { t.BatchId, t.State }).Select(g => new { g.Key.BatchId, g.Key.State, Count = g.Sum(t => t.Count) })
            .ToListAsync(cancellationToken);
        var live = await LiveClaimsAsync(db, cancellationToken);
        var claims = live.Where(c => ids.Contains(c.BatchId)).GroupBy(c => c.BatchId)
            .Select(g => new { BatchId = g.Key, Count = g.LongCount() }).ToList();
        return rows.Select(b =>
        {
            var open = tallies.Where(t => t.BatchId == b.Id && t.State != ReviewCaseState.Resolved).Sum(t => t.Count);
            var claimed = claims.FirstOrDefault(c => c.BatchId == b.Id)?.Count ?? 0;
            var resolved = tallies.Where(t => t.BatchId == b.Id && t.State == ReviewCaseState.Resolved).Sum(t => t.Count);
            return (BatchProgress.Of(b), new ReviewProgress(Math.Max(0, open - claimed), claimed, resolved));
        }).ToList();
    }

    /// <summary>Progress only (the live part of the page): the batch row, the tallies and the live claims.</summary>
    public async Task<(BatchProgress Batch, ReviewProgress Review)> ProgressAsync(ReconDbContext db, BatchRow batch, CancellationToken cancellationToken)
    {
        var states = await db.CaseTallies.AsNoTracking().Where(t => t.BatchId == batch.Id && t.Field == "")
            .GroupBy(t => t.State).Select(g => new { State = g.Key, Count = g.Sum(t => t.Count) }).ToListAsync(cancellationToken);
        var claimed = (await LiveClaimsAsync(db, cancellationToken)).LongCount(c => c.BatchId == batch.Id);
        var open = states.Where(s => s.State != ReviewCaseState.Resolved).Sum(s => s.Count);
        var resolved = states.Where(s => s.State == ReviewCaseState.Resolved).Sum(s => s.Count);
        return (BatchProgress.Of(batch), new ReviewProgress(Math.Max(0, open - claimed), claimed, resolved));
    }

    public async Task<BatchFigures> FiguresAsync(ReconDbContext db, BatchRow batch, CancellationToken cancellationToken)
    {
        var (progress, reviewProgress) = await ProgressAsync(db, batch, cancellationToken);
        var tallies = await db.CaseTallies.AsNoTracking().Where(t => t.BatchId == batch.Id && t.Count != 0).ToListAsync(cancellationToken);
        var kinds = Enum.GetValues<CaseKind>().Select(k => new KindCount(k,
            tallies.Where(t => t.Field == "" && t.Kind == k && t.State != ReviewCaseState.Resolved).Sum(t => t.Count),
            tallies.Where(t => t.Field == "" && t.Kind == k && t.State == ReviewCaseState.Resolved).Sum(t => t.Count))).ToList();
        var flags = tallies.Where(t => t.Field != "").GroupBy(t => (t.Field, t.DiffKind))
            .Select(g => new FlagCount(g.Key.Field, g.Key.DiffKind,
                g.Where(t => t.State != ReviewCaseState.Resolved).Sum(t => t.Count), g.Where(t => t.State == ReviewCaseState.Resolved).Sum(t => t.Count)))
            .OrderByDescending(f => f.Total).ThenBy(f => f.Field, StringComparer.Ordinal).ThenBy(f => f.DiffKind, StringComparer.Ordinal).ToList();
        var communes = await CommunesAsync(db, batch, cancellationToken);
        var (reviewers, times) = await ReviewersAsync(db, batch, cancellationToken);
        return new BatchFigures(progress, reviewProgress, kinds, flags, communes, reviewers, times, time.GetUtcNow());
    }

    /// <summary>
    /// The service's figures for its metrics (every unit, no batch or reviewer named): batches by state, the forms of
    /// running batches (all and matched), cases by kind and review state. From the batch rows, the tallies and the claim
    /// index: a few rows whatever the number of cases. Synchronous, for observable instruments.
    /// </summary>
    public ServiceFigures Service()
    {
        using var db = dbFactory.CreateDbContext();
        var batches = db.Batches.AsNoTracking().GroupBy(b => b.State)
            .Select(g => new { State = g.Key, Count = g.LongCount() }).ToList()
            .ToDictionary(x => x.State, x => x.Count);
        var running = db.Batches.AsNoTracking().Where(b => b.State == BatchRunState.Running || b.State == BatchRunState.Open)
            .GroupBy(b => 1).Select(g => new { Forms = g.Sum(b => b.FormCount), Processed = g.Sum(b => b.ProcessedCount) }).FirstOrDefault();
        var tallies = db.CaseTallies.AsNoTracking().Where(t => t.Field == "").GroupBy(t => new { t.Kind, Resolved = t.State == ReviewCaseState.Resolved })
            .Select(g => new { g.Key.Kind, g.Key.Resolved, Count = g.Sum(t => t.Count) }).ToList();
        var claims = LiveClaims(db).GroupBy(c => c.Kind).Select(g => new { Kind = g.Key, Count = g.LongCount() }).ToList();
        var cases = new List<(CaseKind Kind, string State, long Count)>();
        foreach (var kind in Enum.GetValues<CaseKind>())
        {
            var claimed = claims.Where(c => c.Kind == kind).Sum(c => c.Count);
            var open = tallies.Where(t => t.Kind == kind && !t.Resolved).Sum(t => t.Count);
            cases.Add((kind, "open", Math.Max(0, open - claimed)));
            cases.Add((kind, "claimed", claimed));
            cases.Add((kind, "resolved", tallies.Where(t => t.Kind == kind && t.Resolved).Sum(t => t.Count)));
        }
        return new ServiceFigures(Enum.GetValues<BatchRunState>().Select(s => (s, batches.GetValueOrDefault(s))).ToList(),
            running?.Forms ?? 0, running?.Processed ?? 0, cases);
    }

    /// <summary>
    /// Every live claim (batch and reviewer), read through the <c>ClaimedAt</c> index alone and filtered by batch here: a
    /// batch predicate in the query lets the database prefer the batch's index and walk all its cases (at a million
    /// cases, 180 ms of CPU for <c>/batches</c>). Live claims are few: a reviewer holds the cases they have open.
    /// </summary>
    private async Task<List<(string BatchId, string ClaimedBy)>> LiveClaimsAsync(ReconDbContext db, CancellationToken cancellationToken)
        => (await LiveClaims(db).Select(c => new { c.BatchId, c.ClaimedBy }).ToListAsync(cancellationToken)).Select(c => (c.BatchId, c.ClaimedBy!)).ToList();

    private IQueryable<ReviewCaseRow> LiveClaims(ReconDbContext db)
    {
        var cutoff = time.GetUtcNow() - review.Value.ClaimTimeout;
        // Through the ClaimedAt index: live claims are few.
        return db.ReviewCases.AsNoTracking().Where(c => c.ClaimedAt > cutoff && c.ClaimedBy != null && c.State != ReviewCaseState.Resolved);
    }

    /// <summary>
    /// Cases by commune and kind: one <c>GROUP BY</c> over the batch's range of the (BatchId, CommuneKey, Commune, Kind)
    /// index — the commune each case was given from its form's address when it was created (Core's
    /// <see cref="AddressCommune"/>, as the lists read it) — so a few rows per commune come back whatever the batch's size.
    /// Each commune goes by the label <see cref="AddressCommune.BestLabel"/> picks among its spellings, as the workbook's
    /// sheets and the notices do (<see cref="CommuneLabelsAsync"/>). Kept per batch and count of matched forms: it changes
    /// only while the batch runs.
    /// </summary>
    private async Task<IReadOnlyList<CommuneCount>> CommunesAsync(ReconDbContext db, BatchRow batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A finished batch's figure never changes; a running one's is reused for a while (each chunk changes it).
        if (_communes.TryGetValue(batch.Id, out var kept)
            && (kept.Processed == batch.ProcessedCount || (batch.State == BatchRunState.Running && now - kept.At < RunningCommunes)))
        {
            return kept.Counts;
        }
        var groups = await CommuneGroupsAsync(db, batch.Id, cancellationToken);
        var unitLabel = string.IsNullOrEmpty(batch.Unit) ? CorrectionArrangement.UnknownCommune : new BatchUnit(batch.Unit).Label;
        var result = groups.GroupBy(g => g.Key, StringComparer.Ordinal)
            .Select(c =>
            {
                var label = c.Key.Length == 0 ? unitLabel : AddressCommune.BestLabel(c.Select(g => (g.Label, g.Count)));
                long Of(CaseKind kind) => c.Where(g => g.Kind == kind).Sum(g => g.Count);
                return new CommuneCount(label, Of(CaseKind.Differences), Of(CaseKind.Ambiguous), Of(CaseKind.NoMatch));
            })
            .OrderByDescending(c => c.Total).ThenBy(c => Core.Names.VietnameseCollation.SortKey(c.Commune), StringComparer.Ordinal).ToList();
        _communes[batch.Id] = (batch.ProcessedCount, now, result);
        return result;
    }

    /// <summary>A batch's cases counted by commune key, spelling and kind (one index range, grouped in the database).</summary>
    public static async Task<IReadOnlyList<(string Key, string Label, CaseKind Kind, long Count)>> CommuneGroupsAsync(ReconDbContext db, string batchId,
        CancellationToken cancellationToken)
    {
        var rows = await db.ReviewCases.AsNoTracking().Where(c => c.BatchId == batchId)
            .GroupBy(c => new { c.CommuneKey, c.Commune, c.Kind })
            .Select(g => new { g.Key.CommuneKey, g.Key.Commune, g.Key.Kind, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.CommuneKey ?? "", r.Commune ?? "", r.Kind, r.Count)).ToList();
    }

    /// <summary>
    /// The label each commune of a batch goes by (<see cref="AddressCommune.BestLabel"/> over every case's spelling): the
    /// console's workbook and notices take it (<see cref="CorrectionList.CommuneLabels"/>), so they name a commune as the
    /// dashboard does.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> CommuneLabelsAsync(ReconDbContext db, string batchId, CancellationToken cancellationToken)
        => (await CommuneGroupsAsync(db, batchId, cancellationToken)).Where(g => g.Key.Length > 0).GroupBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(c => c.Key, c => AddressCommune.BestLabel(c.Select(g => (g.Label, g.Count))), StringComparer.Ordinal);

    /// <summary>Per reviewer: cases held now (claim index) and cases decided (GROUP BY over the batch's decisions); time per case.</summary>
    private async Task<(IReadOnlyList<ReviewerCount>, CaseTimes)> ReviewersAsync(ReconDbContext db, BatchRow batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_reviewers.TryGetValue(batch.Id, out var kept) && now - kept.At < Reuse) return (kept.Reviewers, kept.Times);
        var claimed = (await LiveClaimsAsync(db, cancellationToken)).Where(c => c.BatchId == batch.Id).GroupBy(c => c.ClaimedBy, StringComparer.Ordinal)
            .Select(g => new { Reviewer = g.Key, Count = g.LongCount() }).ToList();
        var decidedFields = await (from d in db.FieldDecisions.AsNoTracking()
                                   join c in db.ReviewCases.AsNoTracking() on d.CaseId equals c.Id
                                   where c.BatchId == batch.Id
                                   group d by d.Reviewer into g
                                   select new { Reviewer = g.Key, Count = g.Select(d => d.CaseId).Distinct().LongCount() }).ToListAsync(cancellationToken);
        var rejected = await (from d in db.LinkDecisions.AsNoTracking()
                              join c in db.ReviewCases.AsNoTracking() on d.CaseId equals c.Id
                              where c.BatchId == batch.Id && d.Action == LinkDecisionKind.Reject
                              group d by d.Reviewer into g
                              select new { Reviewer = g.Key, Count = g.Select(d => d.CaseId).Distinct().LongCount() }).ToListAsync(cancellationToken);
        var names = claimed.Select(c => c.Reviewer).Concat(decidedFields.Select(d => d.Reviewer)).Concat(rejected.Select(r => r.Reviewer)).Distinct(StringComparer.Ordinal);
        var reviewers = names.Select(n => new ReviewerCount(n,
                claimed.FirstOrDefault(c => c.Reviewer == n)?.Count ?? 0,
                (decidedFields.FirstOrDefault(d => d.Reviewer == n)?.Count ?? 0) + (rejected.FirstOrDefault(r => r.Reviewer == n)?.Count ?? 0)))
            .OrderByDescending(r => r.Decided).ThenBy(r => r.Reviewer, StringComparer.Ordinal).ToList();
        var times = await TimesAsync(db, batch, cancellationToken);
        _reviewers[batch.Id] = (now, reviewers, times);
        return (reviewers, times);
    }

    /// <summary>
    /// The latest <see cref="TimeSample"/> resolved cases (an index range), each resolved by its last decision: per
    /// reviewer in time order, the gap since their previous one is the time the case took.
    /// </summary>
    private static async Task<CaseTimes> TimesAsync(ReconDbContext db, BatchRow batch, CancellationToken cancellationToken)
    {
        var ids = await db.ReviewCases.AsNoTracking().Where(c => c.BatchId == batch.Id && c.State == ReviewCaseState.Resolved)
            .OrderByDescending(c => c.Id).Select(c => c.Id).Take(TimeSample).ToListAsync(cancellationToken);
        var fields = await db.FieldDecisions.AsNoTracking().Where(d => ids.Contains(d.CaseId) && d.BulkId == null)
            .Select(d => new { d.CaseId, d.Reviewer, d.DecidedAt }).ToListAsync(cancellationToken);
        var links = await db.LinkDecisions.AsNoTracking().Where(d => ids.Contains(d.CaseId))
            .Select(d => new { d.CaseId, d.Reviewer, d.DecidedAt }).ToListAsync(cancellationToken);
        var last = fields.Concat(links).GroupBy(d => d.CaseId).Select(g => g.MaxBy(d => d.DecidedAt)!);
        var spans = new List<TimeSpan>();
        foreach (var reviewer in last.GroupBy(d => d.Reviewer))
        {
            DateTimeOffset? previous = null;
            foreach (var d in reviewer.OrderBy(d => d.DecidedAt))
            {
                if (previous is { } p && d.DecidedAt - p is var gap && gap <= Break) spans.Add(gap);
                previous = d.DecidedAt;
            }
        }
        spans.Sort();
        var buckets = new long[TimeBuckets.Length];
        foreach (var s in spans) buckets[Array.FindIndex(TimeBuckets, b => s <= b)]++;
        TimeSpan? At(double q) => spans.Count == 0 ? null : spans[Math.Min(spans.Count - 1, (int)Math.Floor(q * spans.Count))];
        return new CaseTimes(spans.Count, At(0.5), At(0.9), buckets);
    }
}
