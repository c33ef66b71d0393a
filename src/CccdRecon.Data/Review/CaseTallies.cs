using CccdRecon.Data.Bulk;
using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Review;

/// <summary>One counter of <see cref="CaseTallyRow"/>.</summary>
internal readonly record struct TallyKey(string BatchId, CaseKind Kind, ReviewCaseState State, string Field, string DiffKind);

/// <summary>
/// Keeps <see cref="CaseTallyRow"/> right: every change of a case's state or flags moves its counters in the change's own
/// transaction. Counters are changed by increments in SQL, so two reviewers resolving cases of one batch at once never
/// lose a count.
/// </summary>
internal sealed class CaseTallies
{
    private readonly Dictionary<TallyKey, long> _deltas = [];

    /// <summary>The tally state of a case: open (claimed or not) or resolved.</summary>
    public static ReviewCaseState StateOf(ReviewCaseState state) => state == ReviewCaseState.Resolved ? ReviewCaseState.Resolved : ReviewCaseState.Open;

    /// <summary>The counters a case adds to: one for the case, one per current flag.</summary>
    public static IEnumerable<TallyKey> KeysOf(string batchId, CaseKind kind, ReviewCaseState state, IEnumerable<(string Field, string Kind)> flags)
    {
        var tallyState = StateOf(state);
        yield return new TallyKey(batchId, kind, tallyState, CaseTallyRow.CaseCounter, CaseTallyRow.CaseCounter);
        foreach (var (field, diff) in flags)
        {
            yield return new TallyKey(batchId, kind, tallyState, field, diff);
        }
    }

    public void Add(IEnumerable<TallyKey> keys, long delta)
    {
        foreach (var key in keys)
        {
            _deltas[key] = _deltas.GetValueOrDefault(key) + delta;
        }
    }

    /// <summary>Moves a case from what it counted as to what it counts as now.</summary>
    public void Move(IEnumerable<TallyKey> before, IEnumerable<TallyKey> after)
    {
        Add(before, -1);
        Add(after, +1);
    }

    /// <summary>
    /// Applies the changes in <paramref name="db"/>'s transaction in one statement of the provider's bulk path
    /// (<see cref="BulkWriter.AddCountsAsync"/>: a chunk's new cases, a reviewer's settled ones), creating
    /// <paramref name="alsoCreate"/> at zero where missing (a batch's resolved counters, made with its open ones, so
    /// that later additions find them).
    /// </summary>
    public async Task AddInBulkAsync(ReconDbContext db, IEnumerable<TallyKey> alsoCreate, CancellationToken cancellationToken)
    {
        var wanted = new SortedDictionary<TallyKey, long>(KeyOrder.Instance);
        foreach (var (key, delta) in _deltas.Where(d => d.Value != 0))
        {
            wanted[key] = delta;
        }
        foreach (var key in alsoCreate)
        {
            wanted.TryAdd(key, 0);
        }
        var rows = wanted.Select(w => new CaseTallyRow
        {
            BatchId = w.Key.BatchId, Kind = w.Key.Kind, State = w.Key.State, Field = w.Key.Field, DiffKind = w.Key.DiffKind, Count = w.Value,
        }).ToList();
        await BulkWriter.For(db.Database).AddCountsAsync(db, db.Table<CaseTallyRow>(), rows, nameof(CaseTallyRow.Count), cancellationToken);
        _deltas.Clear();
    }

    /// <summary>The counters' key order (ordinal), so every bulk addition locks them in one order.</summary>
    private sealed class KeyOrder : IComparer<TallyKey>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(TallyKey x, TallyKey y)
        {
            var c = string.CompareOrdinal(x.BatchId, y.BatchId);
            c = c != 0 ? c : x.Kind.CompareTo(y.Kind);
            c = c != 0 ? c : x.State.CompareTo(y.State);
            c = c != 0 ? c : string.CompareOrdinal(x.Field, y.Field);
            return c != 0 ? c : string.CompareOrdinal(x.DiffKind, y.DiffKind);
        }
    }

    /// <summary>Counts a batch's cases afresh (after an upgrade or a re-run), replacing its counters.</summary>
    public static async Task RebuildAsync(ReconDbContext db, string batchId, CancellationToken cancellationToken)
    {
        await db.CaseTallies.Where(t => t.BatchId == batchId).ExecuteDeleteAsync(cancellationToken);
        var cases = await db.ReviewCases.AsNoTracking().Where(c => c.BatchId == batchId)
            .GroupBy(c => new { c.Kind, Resolved = c.State == ReviewCaseState.Resolved })
            .Select(g => new { g.Key.Kind, g.Key.Resolved, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var flags = await (from c in db.ReviewCases.AsNoTracking()
                           where c.BatchId == batchId
                           join d in db.Discrepancies.AsNoTracking() on c.ResultId equals d.ResultId
                           where d.LinkId == c.LinkId
                           group d by new { CaseKind = c.Kind, Resolved = c.State == ReviewCaseState.Resolved, d.Field, DiffKind = d.Kind } into g
                           select new { Kind = g.Key.CaseKind, g.Key.Resolved, g.Key.Field, g.Key.DiffKind, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var rows = new Dictionary<TallyKey, long>();
        foreach (var kind in cases.Select(c => c.Kind).Distinct())
        {
            rows[new TallyKey(batchId, kind, ReviewCaseState.Open, CaseTallyRow.CaseCounter, CaseTallyRow.CaseCounter)] = 0;
            rows[new TallyKey(batchId, kind, ReviewCaseState.Resolved, CaseTallyRow.CaseCounter, CaseTallyRow.CaseCounter)] = 0;
        }
        foreach (var c in cases)
        {
            rows[new TallyKey(batchId, c.Kind, c.Resolved ? ReviewCaseState.Resolved : ReviewCaseState.Open, CaseTallyRow.CaseCounter, CaseTallyRow.CaseCounter)] = c.Count;
        }
        foreach (var f in flags)
        {
            rows.TryAdd(new TallyKey(batchId, f.Kind, ReviewCaseState.Open, f.Field, f.DiffKind), 0);
            rows.TryAdd(new TallyKey(batchId, f.Kind, ReviewCaseState.Resolved, f.Field, f.DiffKind), 0);
            rows[new TallyKey(batchId, f.Kind, f.Resolved ? ReviewCaseState.Resolved : ReviewCaseState.Open, f.Field, f.DiffKind)] = f.Count;
        }
        db.CaseTallies.AddRange(rows.Select(r => new CaseTallyRow
        {
            BatchId = r.Key.BatchId, Kind = r.Key.Kind, State = r.Key.State, Field = r.Key.Field, DiffKind = r.Key.DiffKind, Count = r.Value,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
