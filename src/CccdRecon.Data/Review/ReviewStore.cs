using System.Globalization;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Json;
using CccdRecon.Data.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CccdRecon.Data.Review;

/// <summary>
/// Review cases (hồ sơ cần xác minh) on the database: every result that needs a person (fields that differ, several
/// possible records, none) is a case. Every change bumps the case's version, which is its etag: a reviewer who decides on
/// a stale etag gets a <see cref="ConflictException"/> instead of overwriting a colleague's work. A reviewer sees only the
/// cases of batches of its units: any other case does not exist for it (not found, left out of lists and counts). Every
/// host (gRPC, console) goes through this store, so the rules and the audit trail are one.
/// </summary>
public sealed partial class ReviewStore(
    IDbContextFactory<ReconDbContext> dbFactory,
    Registry.RegistryLookup registry,
    Reconciler reconciler,
    IOptions<StoreLimits> limits,
    IOptions<ReviewOptions> options,
    AuditTrail audit,
    TimeProvider time,
    ILogger<ReviewStore> logger)
{
    private const int MaxFilterLength = 64;
    private const int MaxEtagLength = 32;
    private const int MaxNoteLength = 2000;
    private const string StaleEtagMessage = "the case was changed by someone else; reload it and decide again";

    /// <summary>The caller's cases for the query's filters, one keyset page; the audit event names every case listed.</summary>
    public async Task<Page<ReviewCase>> ListAsync(CaseQuery query, Caller caller, CancellationToken cancellationToken)
    {
        var (size, cursor, filter) = CheckListing(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var (keys, next) = await KeysAsync(db, query, caller, now, size, cursor, filter, cancellationToken);
        var rows = await LoadManyAsync(db, keys.Select(k => k.Id).ToList(), cancellationToken);
        var forms = await FormNamesAsync(db, rows, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ListCases, rows.Select(c => AuditTarget.Case(c.Id)), cancellationToken);
        return new Page<ReviewCase>(rows.Select(r => ToCase(r, now, forms.GetValueOrDefault((r.BatchId, r.FormId)))).ToList(), next);
    }

    /// <summary>
    /// The console's queue: the same listing as <see cref="ListAsync"/> (filters, keyset pages, scope, audit), each case as a
    /// line of the queue — the form's name and date, the kind, the current flags, who holds it — read in one query joined
    /// on the page's keys, without the decisions and explanations a case page shows.
    /// </summary>
    public async Task<Page<QueueItem>> QueueAsync(CaseQuery query, Caller caller, CancellationToken cancellationToken)
    {
        var (size, cursor, filter) = CheckListing(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var (keys, next) = await KeysAsync(db, query, caller, now, size, cursor, filter, cancellationToken);
        var ids = keys.Select(k => k.Id).ToList();
        var lines = await (from c in db.ReviewCases.AsNoTracking()
                           where ids.Contains(c.Id)
                           join f in db.BatchForms.AsNoTracking() on new { c.BatchId, c.FormId } equals new { f.BatchId, f.FormId }
                           select new { c.Id, c.BatchId, c.FormId, c.Unit, c.Kind, c.State, c.ClaimedBy, c.ClaimedAt, c.Link, c.Flags, f.Person.FullName, f.Person.DateOfBirth })
            .ToListAsync(cancellationToken);
        var order = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var cutoff = now - options.Value.ClaimTimeout;
        var items = lines.OrderBy(l => order[l.Id]).Select(l =>
        {
            var live = l.State != ReviewCaseState.Resolved && l.ClaimedBy is not null && l.ClaimedAt > cutoff;
            var state = l.State == ReviewCaseState.Resolved ? ReviewCaseState.Resolved : live ? ReviewCaseState.Claimed : ReviewCaseState.Open;
            return new QueueItem(l.Id, l.BatchId, l.FormId, l.Unit, l.Kind, state, live ? l.ClaimedBy : null, l.Link, l.FullName, l.DateOfBirth,
                CaseFlags.Parse(l.Flags));
        }).ToList();
        await audit.WriteAsync(caller, AuditActions.ListCases, items.Select(c => AuditTarget.Case(c.Id)), cancellationToken);
        return new Page<QueueItem>(items, next);
    }

    private (int Size, (string SortKey, long Id)? Cursor, string Filter) CheckListing(CaseQuery query)
    {
        var check = new Validator(limits.Value);
        var filter = Fingerprint(query);
        var size = check.Page(query.Page, filter, out string? after);
        CheckFilters(check, query);
        (string, long)? cursor = null;
        if (after is not null)
        {
            if (TryParseCursor(after, query.Order, out var afterKey, out var afterId))
            {
                cursor = (afterKey, afterId);
            }
            else
            {
                check.Add("page_token", "is not a token from this listing");
            }
        }
        check.ThrowIfInvalid();
        return (size, cursor, filter);
    }

    /// <summary>
    /// One keyset page of the listing's keys, read from the queue's indexes alone (id and sort key). A listing of every
    /// state reads each stored state's index range (open, resolved) and merges them, so no listing ever sorts a unit.
    /// </summary>
    private async Task<(List<(long Id, string SortKey)> Keys, string Next)> KeysAsync(ReconDbContext db, CaseQuery query, Caller caller, DateTimeOffset now,
        int size, (string SortKey, long Id)? cursor, string filter, CancellationToken cancellationToken)
    {
        var units = await UnitsAsync(db, query, caller, cancellationToken);
        CaseQuery[] states = query.State is null && !query.ToDo
            ? [query with { ToDo = true }, query with { State = ReviewCaseState.Resolved }]
            : [query];
        var parts = states.SelectMany(state => UnitParts(state, units));
        var keys = new List<(long Id, string SortKey)>();
        foreach (var (part, unit) in parts)
        {
            var cases = Filtered(db, part, caller, now, unit);
            if (query.Order == CaseOrder.Name)
            {
                keys.AddRange((await InNameOrderAfter(cases, cursor).Select(c => new { c.Id, c.SortKey }).Take(size + 1).ToListAsync(cancellationToken))
                    .Select(k => (k.Id, k.SortKey)));
            }
            else
            {
                if (cursor is var (_, afterId))
                {
                    cases = cases.Where(c => c.Id > afterId);
                }
                keys.AddRange((await cases.OrderBy(c => c.Id).Select(c => c.Id).Take(size + 1).ToListAsync(cancellationToken)).Select(id => (id, "")));
            }
        }
        keys = (query.Order == CaseOrder.Name
                ? keys.Order(Comparer<(long Id, string SortKey)>.Create((x, y) => InNameOrder((x.SortKey, x.Id), (y.SortKey, y.Id))))
                : keys.OrderBy(k => k.Id))
            .Take(size + 1).ToList();
        var next = "";
        if (keys.Count > size)
        {
            keys.RemoveAt(keys.Count - 1);
            next = PageToken.Encode(filter, Cursor(keys[^1], query.Order));
        }
        return (keys, next);
    }

    /// <summary>
    /// The cases in the queue's name order (sort key, then id: a by-name queue index's order), after the keyset
    /// <paramref name="after"/> when given. One home for the keyset step of the listing pages and of the next case.
    /// </summary>
    private static IOrderedQueryable<ReviewCaseRow> InNameOrderAfter(IQueryable<ReviewCaseRow> cases, (string SortKey, long Id)? after)
    {
        if (after is var (key, id))
        {
            cases = cases.Where(c => string.Compare(c.SortKey, key) >= 0 && (string.Compare(c.SortKey, key) > 0 || c.Id > id));
        }
        return cases.OrderBy(c => c.SortKey).ThenBy(c => c.Id);
    }

    /// <summary>The queue's name order of two cases: by sort key (ordinal, as every database orders it), then by id.</summary>
    private static int InNameOrder((string SortKey, long Id) x, (string SortKey, long Id) y)
        => string.CompareOrdinal(x.SortKey, y.SortKey) is var byKey and not 0 ? byKey : x.Id.CompareTo(y.Id);

    /// <summary>
    /// The query as ranges of the queue's indexes: a listing of every unit the caller serves (every unit that has a batch,
    /// for an administrator) reads each unit's range, merged by the caller as the states are, since a list of units gives
    /// no order to read in and no index is led by the state alone; a query of one unit or one batch is one range.
    /// </summary>
    private static IEnumerable<(CaseQuery Query, string? Unit)> UnitParts(CaseQuery query, IReadOnlyList<string>? units)
        => units is null ? [(query, null)] : units.Select(unit => (query, (string?)unit));

    /// <summary>The units whose ranges <see cref="UnitParts"/> reads, or null when the query names its unit or batch.</summary>
    private static async Task<IReadOnlyList<string>?> UnitsAsync(ReconDbContext db, CaseQuery query, Caller caller, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(query.Unit) || !string.IsNullOrEmpty(query.BatchId))
        {
            return null;
        }
        // A case's unit is its batch's (written with it; batches are never deleted nor moved): the batches' unit index
        // lists every unit a case can have.
        return caller.SeesAllUnits
            ? (await db.Batches.AsNoTracking().Select(b => b.Unit).Distinct().ToListAsync(cancellationToken)).Order(StringComparer.Ordinal).ToList()
            : caller.Units.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// How many of the caller's cases there are for the query's filters, by state, kind and flagged field (each facet
    /// leaves out its own filter): read from the tallies kept with every change, plus the live claims, so the cost does
    /// not grow with the number of cases. Counts only: not audited.
    /// </summary>
    public async Task<CaseCounts> CountAsync(CaseQuery query, Caller caller, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value);
        CheckFilters(check, query);
        check.ThrowIfInvalid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tallies = db.CaseTallies.AsNoTracking().Where(t => t.Count != 0);
        if (!string.IsNullOrEmpty(query.BatchId))
        {
            tallies = tallies.Where(t => t.BatchId == query.BatchId);
        }
        if (!caller.SeesAllUnits)
        {
            var units = caller.Units.ToList();
            tallies = tallies.Where(t => db.Batches.Any(b => b.Id == t.BatchId && units.Contains(b.Unit)));
        }
        if (!string.IsNullOrEmpty(query.Unit))
        {
            tallies = tallies.Where(t => db.Batches.Any(b => b.Id == t.BatchId && b.Unit == query.Unit));
        }
        var rows = await tallies.ToListAsync(cancellationToken);

        var (field, kind) = (query.Field ?? "", query.Kind ?? "");
        var byFlag = field.Length > 0 || kind.Length > 0;
        bool FlagMatches(CaseTallyRow t) => byFlag
            ? t.Field != CaseTallyRow.CaseCounter && (field.Length == 0 || t.Field == field) && (kind.Length == 0 || t.DiffKind == kind)
            : t.Field == CaseTallyRow.CaseCounter;
        bool KindMatches(CaseTallyRow t) => query.CaseKind is not { } k || t.Kind == k;
        bool StateMatches(CaseTallyRow t) => query.State switch
        {
            ReviewCaseState.Resolved => t.State == ReviewCaseState.Resolved,
            ReviewCaseState.Open or ReviewCaseState.Claimed => t.State != ReviewCaseState.Resolved,
            _ => !query.ToDo || t.State != ReviewCaseState.Resolved,
        };

        var claimedQuery = query with { State = ReviewCaseState.Claimed, ToDo = false };
        var claimed = await Filtered(db, claimedQuery, caller, time.GetUtcNow()).LongCountAsync(cancellationToken);
        var open = rows.Where(t => KindMatches(t) && FlagMatches(t) && t.State != ReviewCaseState.Resolved).Sum(t => t.Count);
        var byState = new Dictionary<ReviewCaseState, long>
        {
            [ReviewCaseState.Open] = Math.Max(0, open - claimed),
            [ReviewCaseState.Claimed] = claimed,
            [ReviewCaseState.Resolved] = rows.Where(t => KindMatches(t) && FlagMatches(t) && t.State == ReviewCaseState.Resolved).Sum(t => t.Count),
        };
        var byKind = Enum.GetValues<CaseKind>().ToDictionary(k => k,
            k => rows.Where(t => t.Kind == k && StateMatches(t) && FlagMatches(t)).Sum(t => t.Count));
        var flags = rows.Where(t => t.Field.Length > 0 && StateMatches(t) && KindMatches(t))
            .GroupBy(t => (t.Field, t.DiffKind))
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Count));
        return new CaseCounts(byState, byKind, flags);
    }

    /// <summary>
    /// The case after <paramref name="caseId"/> in the query's listing (name order) that is not resolved and not held by
    /// someone else, for "next case"; null at the end of the queue. Ids only: not audited.
    /// </summary>
    public async Task<long?> NextAsync(CaseQuery query, string? caseId, Caller caller, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value);
        CheckFilters(check, query);
        check.ThrowIfInvalid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.ClaimTimeout;
        var subject = caller.Subject;
        (string SortKey, long Id)? after = null;
        if (!string.IsNullOrEmpty(caseId))
        {
            var id = ParseId(caseId);
            var current = await InScope(db.ReviewCases.AsNoTracking(), caller).Where(c => c.Id == id).Select(c => new { c.SortKey }).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("case", id.ToString(CultureInfo.InvariantCulture));
            after = (current.SortKey, id);
        }
        (string SortKey, long Id)? next = null;
        foreach (var (part, unit) in UnitParts(query with { State = null, ToDo = true }, await UnitsAsync(db, query, caller, cancellationToken)))
        {
            var cases = Filtered(db, part, caller, now, unit)
                .Where(c => c.ClaimedBy == null || c.ClaimedBy == subject || c.ClaimedAt == null || c.ClaimedAt <= cutoff);
            var first = await InNameOrderAfter(cases, after).Select(c => new { c.SortKey, c.Id }).FirstOrDefaultAsync(cancellationToken);
            if (first is not null && (next is not { } best || InNameOrder((first.SortKey, first.Id), best) < 0))
            {
                next = (first.SortKey, first.Id);
            }
        }
        return next?.Id;
    }

    public async Task<ReviewCaseDetail> GetAsync(string? caseId, Caller caller, CancellationToken cancellationToken)
    {
        var id = ParseId(caseId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await LoadAsync(db, id, caller, tracking: false, cancellationToken);
        var detail = await DetailAsync(db, row, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.GetCase, Targets(row, detail.Candidates.Select(c => c.Record.RecordId)), cancellationToken);
        return detail;
    }

    private static void CheckFilters(Validator check, CaseQuery query)
    {
        check.MaxLength("batch_id", query.BatchId, MaxFilterLength).MaxLength("field", query.Field, MaxFilterLength)
            .MaxLength("kind", query.Kind, MaxFilterLength).MaxLength("unit", query.Unit, MaxFilterLength);
        if (query.State is { } wanted && !Enum.IsDefined(wanted))
        {
            check.Add("state", "is not a known case state");
        }
        if (query.CaseKind is { } kind && !Enum.IsDefined(kind))
        {
            check.Add("case_kind", "is not a known case kind");
        }
        if (!Enum.IsDefined(query.Order))
        {
            check.Add("order_by", "is not a known order");
        }
    }

    private static string Fingerprint(CaseQuery q)
        => $"cases|{q.BatchId}|{(int?)q.State ?? 0}|{q.Field}|{q.Kind}|{q.Unit}|{(int?)q.CaseKind ?? 0}|{q.ToDo}|{(int)q.Order}";

    private static string Cursor((long Id, string SortKey) last, CaseOrder order)
        => order == CaseOrder.Name ? $"{last.SortKey}|{last.Id.ToString(CultureInfo.InvariantCulture)}" : last.Id.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseCursor(string cursor, CaseOrder order, out string sortKey, out long id)
    {
        sortKey = "";
        if (order == CaseOrder.Name)
        {
            var bar = cursor.LastIndexOf('|');
            if (bar < 0)
            {
                id = 0;
                return false;
            }
            sortKey = cursor[..bar];
            cursor = cursor[(bar + 1)..];
        }
        return long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>
    /// The caller's cases for the filters, without includes (the keyset step runs on the queue's indexes); with
    /// <paramref name="part"/>, only that unit's (one of <see cref="UnitParts"/>, which the caller serves).
    /// </summary>
    private IQueryable<ReviewCaseRow> Filtered(ReconDbContext db, CaseQuery query, Caller caller, DateTimeOffset now, string? part = null)
    {
        var cases = db.ReviewCases.AsNoTracking();
        if (part is not null)
        {
            cases = cases.Where(c => c.Unit == part);
        }
        else if (!string.IsNullOrEmpty(query.Unit))
        {
            // One unit: its range of the queue's indexes alone (a list of units beside it kept PostgreSQL from reading the
            // range in order); a unit the caller does not serve has no cases for it.
            var unit = query.Unit;
            cases = caller.Serves(unit) ? cases.Where(c => c.Unit == unit) : cases.Where(c => false);
        }
        else
        {
            cases = InScope(cases, caller);
        }
        if (!string.IsNullOrEmpty(query.BatchId))
        {
            cases = cases.Where(c => c.BatchId == query.BatchId);
        }
        if (query.CaseKind is { } kind)
        {
            cases = cases.Where(c => c.Kind == kind);
        }
        var cutoff = now - options.Value.ClaimTimeout;
        cases = query.State switch
        {
            ReviewCaseState.Resolved => cases.Where(c => c.State == ReviewCaseState.Resolved),
            ReviewCaseState.Open => cases.Where(c => c.State == ReviewCaseState.Open && (c.ClaimedBy == null || c.ClaimedAt == null || c.ClaimedAt <= cutoff)),
            // Live claims are few: found through the ClaimedAt index, never by scanning a unit's cases for them.
            ReviewCaseState.Claimed => cases.Where(c => c.State == ReviewCaseState.Open
                && db.ReviewCases.Where(x => x.ClaimedAt > cutoff && x.ClaimedBy != null).Select(x => x.Id).Contains(c.Id)),
            _ when query.ToDo => cases.Where(c => c.State == ReviewCaseState.Open),
            _ => cases,
        };
        if (!string.IsNullOrEmpty(query.Field) || !string.IsNullOrEmpty(query.Kind))
        {
            var (field, diff) = (query.Field ?? "", query.Kind ?? "");
            cases = cases.Where(c => db.Discrepancies.Any(d => d.ResultId == c.ResultId && d.LinkId == c.LinkId
                && (field.Length == 0 || d.Field == field) && (diff.Length == 0 || d.Kind == diff)));
        }
        return cases;
    }

    /// <summary>Only the cases of the caller's units (every case for an administrator).</summary>
    private static IQueryable<ReviewCaseRow> InScope(IQueryable<ReviewCaseRow> query, Caller caller)
    {
        if (caller.SeesAllUnits)
        {
            return query;
        }
        var units = caller.Units.ToList();
        return query.Where(c => units.Contains(c.Unit));
    }

    private static IQueryable<ReviewCaseRow> WithEverything(ReconDbContext db) => db.ReviewCases
        .Include(c => c.Result!).ThenInclude(r => r.Discrepancies)
        .Include(c => c.Decisions)
        .Include(c => c.LinkDecisions)
        .AsSplitQuery();

    private static async Task<List<ReviewCaseRow>> LoadManyAsync(ReconDbContext db, List<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await WithEverything(db).AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var order = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        return rows.OrderBy(r => order[r.Id]).ToList();
    }

    /// <summary>The case, if it exists and the caller serves its unit; otherwise not found either way.</summary>
    private static async Task<ReviewCaseRow> LoadAsync(ReconDbContext db, long id, Caller caller, bool tracking, CancellationToken cancellationToken)
    {
        var query = InScope(WithEverything(db), caller).Where(c => c.Id == id);
        return await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("case", id.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<Dictionary<(string BatchId, string FormId), (string? FullName, string? DateOfBirth)>> FormNamesAsync(
        ReconDbContext db, List<ReviewCaseRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var batchIds = rows.Select(r => r.BatchId).Distinct().ToList();
        var formIds = rows.Select(r => r.FormId).Distinct().ToList();
        var forms = await db.BatchForms.AsNoTracking().Where(f => batchIds.Contains(f.BatchId) && formIds.Contains(f.FormId))
            .Select(f => new { f.BatchId, f.FormId, f.Person.FullName, f.Person.DateOfBirth }).ToListAsync(cancellationToken);
        return forms.ToDictionary(f => (f.BatchId, f.FormId), f => (f.FullName, f.DateOfBirth));
    }

    private bool ClaimIsLive(ReviewCaseRow row, DateTimeOffset now)
        => row.State != ReviewCaseState.Resolved && row.ClaimedBy is not null && row.ClaimedAt is { } at && at + options.Value.ClaimTimeout > now;

    /// <summary>The flags of the case's current link (the engine's, or those of the record a reviewer chose), in order.</summary>
    private static List<DiscrepancyRow> CurrentFlags(ReviewCaseRow row)
        => row.Result!.Discrepancies.Where(d => d.LinkId == row.LinkId).OrderBy(d => d.Id).ToList();

    /// <summary>The latest decision per field made under the current link.</summary>
    private static List<FieldDecisionRow> CurrentDecisions(ReviewCaseRow row)
        => row.Decisions.Where(d => d.LinkId == row.LinkId).GroupBy(d => d.Field, StringComparer.Ordinal)
            .Select(g => g.OrderBy(d => d.Id).Last()).ToList();

    private ReviewCase ToCase(ReviewCaseRow row, DateTimeOffset now, (string? FullName, string? DateOfBirth) form = default)
    {
        var live = ClaimIsLive(row, now);
        var state = row.State == ReviewCaseState.Resolved ? ReviewCaseState.Resolved : live ? ReviewCaseState.Claimed : ReviewCaseState.Open;
        var current = CurrentDecisions(row).Select(d => d.Id).ToHashSet();
        return new ReviewCase(
            row.Id, row.BatchId, row.FormId, row.Unit, row.Kind, state, row.Version,
            live ? row.ClaimedBy : null, live ? row.ClaimedAt : null, live ? row.ClaimedAt + options.Value.ClaimTimeout : null,
            row.CreatedAt, row.ResolvedAt, row.Result?.Score ?? 0, row.RecordId, row.Link,
            CurrentFlags(row).Select(d => d.ToDiscrepancy()).ToList(),
            row.Decisions.OrderBy(d => d.Id)
                .Select(d => new FieldDecision(d.Field, d.Action, d.Value, d.Reviewer, d.DecidedAt, d.Note, !current.Contains(d.Id), d.BulkId)).ToList(),
            row.LinkDecisions.OrderBy(d => d.Id).Select(d => new LinkDecision(d.Action, d.RecordId, d.Reviewer, d.DecidedAt, d.Note)).ToList(),
            form.FullName, form.DateOfBirth);
    }

    private static long ParseId(string? caseId)
    {
        if (string.IsNullOrWhiteSpace(caseId))
        {
            throw new InvalidInputException("case_id", "is required");
        }
        if (!long.TryParse(caseId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new InvalidInputException("case_id", "is not a case id");
        }
        return id;
    }

    private static IEnumerable<string> Targets(ReviewCaseRow row, IEnumerable<string>? otherRecords = null)
    {
        yield return AuditTarget.Case(row.Id);
        yield return AuditTarget.Batch(row.BatchId);
        yield return AuditTarget.Form(row.FormId);
        var records = new HashSet<string>(StringComparer.Ordinal);
        if (row.RecordId is { } linked) records.Add(linked);
        if (row.Result?.RecordId is { } engine) records.Add(engine);
        foreach (var other in otherRecords ?? [])
        {
            records.Add(other);
        }
        foreach (var record in records)
        {
            yield return AuditTarget.Record(record);
        }
    }

    private static async Task<SurveyForm> FormAsync(ReconDbContext db, ReviewCaseRow row, CancellationToken cancellationToken)
        => (await db.BatchForms.AsNoTracking().FirstAsync(f => f.BatchId == row.BatchId && f.FormId == row.FormId, cancellationToken)).ToForm();

    private async Task<RegistryRecord?> RecordAsync(ReconDbContext db, string? recordId, CancellationToken cancellationToken)
        => recordId is null ? null : (await RecordsAsync(db, [recordId], cancellationToken)).GetValueOrDefault(recordId);

    /// <summary>
    /// Records by id, in one look-up: the registry held in memory (this process's index, or the cluster's partitions),
    /// then the database for any it does not hold.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, RegistryRecord>> RecordsAsync(ReconDbContext db, IEnumerable<string?> recordIds, CancellationToken cancellationToken)
    {
        var ids = recordIds.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var held = await registry.GetManyAsync(ids, cancellationToken);
        var missing = ids.Where(id => !held.ContainsKey(id)).ToList();
        if (missing.Count == 0)
        {
            return held;
        }
        var found = new Dictionary<string, RegistryRecord>(held, StringComparer.Ordinal);
        foreach (var row in await db.RegistryRecords.AsNoTracking().Where(r => missing.Contains(r.RecordId)).ToListAsync(cancellationToken))
        {
            found[row.RecordId] = row.ToRecord();
        }
        return found;
    }

    /// <summary>
    /// The case with its form, linked record, explanation and candidates. The explanation is the engine's for its own
    /// link, and the form compared with the chosen record when a reviewer chose another; ambiguous and unmatched cases
    /// list the engine's best candidates, each compared in full with the form.
    /// </summary>
    private async Task<ReviewCaseDetail> DetailAsync(ReconDbContext db, ReviewCaseRow row, CancellationToken cancellationToken)
    {
        var form = await FormAsync(db, row, cancellationToken);
        var record = await RecordAsync(db, row.RecordId, cancellationToken);
        var engine = row.Result!.ReadExplanation();
        var explanation = row.LinkId is not null && record is not null ? reconciler.ExplainPair(form, record).Explanation : engine;
        var candidates = new List<CaseCandidate>();
        if (row.Kind != CaseKind.Differences)
        {
            var shown = engine.Candidates.Where(c => !c.Pruned).Take(options.Value.CandidatesShown).ToList();
            var records = await RecordsAsync(db, shown.Select(c => c.RecordId), cancellationToken);
            foreach (var candidate in shown)
            {
                if (records.GetValueOrDefault(candidate.RecordId) is { } found)
                {
                    candidates.Add(new CaseCandidate(found, candidate.Probability, reconciler.ExplainPair(form, found)));
                }
            }
        }
        var names = (form.FullName, form.DateOfBirth);
        return new ReviewCaseDetail(ToCase(row, time.GetUtcNow(), names), form, record, explanation, candidates);
    }
}
