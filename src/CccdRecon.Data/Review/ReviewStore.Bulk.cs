using CccdRecon.Core.Matching;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Review;

public sealed partial class ReviewStore
{
    private const int MaxBulkPageRetries = 3;

    /// <summary>
    /// A decision of one kind for many cases (<see cref="BulkRequest"/>): previewed with <c>ValidateOnly</c> (counts and
    /// the first cases, nothing written), else written a page of cases per transaction, each page with its audit event,
    /// each case's field decision pointing at the bulk decision. Cases held by another reviewer's live claim are skipped.
    /// A page a colleague changed meanwhile is read again, so no decision is lost or doubled; an interrupted bulk decision
    /// is completed by repeating it.
    /// </summary>
    public async Task<BulkOutcome> BulkResolveAsync(BulkRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value);
        check.MaxLength("unit", request.Unit, MaxFilterLength).MaxLength("batch_id", request.BatchId, MaxFilterLength)
            .MaxLength("kind", request.Kind, MaxFilterLength).MaxLength("note", request.Note, MaxNoteLength);
        if (request.Action is not (DecisionKind.KeepRegistry or DecisionKind.TakeForm))
        {
            check.Add("action", "must be KEEP_REGISTRY or TAKE_FORM (a correction is typed case by case)");
        }
        BulkDecisionRow? superseded = null;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (request.Supersedes is { } earlier)
            {
                superseded = await db.BulkDecisions.AsNoTracking().FirstOrDefaultAsync(b => b.Id == earlier, cancellationToken);
                if (superseded is null || !caller.SeesAllUnits && (superseded.Unit is null || !caller.Serves(superseded.Unit)))
                {
                    throw new NotFoundException("bulk decision", IdText(earlier));
                }
            }
        }
        var field = string.IsNullOrEmpty(request.Field) ? superseded?.Field : request.Field;
        var kind = string.IsNullOrEmpty(request.Kind) ? superseded?.Kind : request.Kind;
        if (string.IsNullOrEmpty(field) || !FlaggableField.All.Contains(field))
        {
            check.Add("field", "must be one of " + string.Join(", ", FlaggableField.All));
        }
        if (string.IsNullOrEmpty(kind))
        {
            check.Add("kind", "is required");
        }
        if (superseded is not null && (field != superseded.Field || kind != superseded.Kind))
        {
            check.Add("supersedes", "names a bulk decision of another field or kind");
        }
        if (superseded is null && string.IsNullOrEmpty(request.Unit) && string.IsNullOrEmpty(request.BatchId))
        {
            check.Add("unit", "a unit or a batch_id is required");
        }
        check.ThrowIfInvalid();
        var selection = new BulkSelection(request.Unit, request.BatchId, field!, kind!, superseded?.Id);

        var now = time.GetUtcNow();
        if (request.ValidateOnly)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var targets = Targets(db, selection, caller, now);
            var matched = await targets.LongCountAsync(cancellationToken);
            var resolved = await ResolvedBy(db, targets, selection.Field).LongCountAsync(cancellationToken);
            var skipped = superseded is null ? await Targets(db, selection, caller, now, heldByOthers: true).LongCountAsync(cancellationToken) : 0;
            var sample = await targets.OrderBy(c => c.Id).Select(c => c.Id).Take(options.Value.BulkPreviewSize).ToListAsync(cancellationToken);
            return new BulkOutcome(null, matched, resolved, skipped, sample);
        }

        var unit = string.IsNullOrEmpty(request.Unit) ? superseded?.Unit : request.Unit;
        if (unit is null && !string.IsNullOrEmpty(request.BatchId))
        {
            // Recorded with the batch's unit, so the decision is listed, and may be superseded, within that unit.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            unit = await db.Batches.Where(b => b.Id == request.BatchId).Select(b => b.Unit).FirstOrDefaultAsync(cancellationToken);
        }
        var bulk = new BulkDecisionRow
        {
            Unit = unit, BatchId = request.BatchId ?? superseded?.BatchId, Field = selection.Field, Kind = selection.Kind,
            Action = request.Action!.Value, Supersedes = superseded?.Id, Reviewer = caller.Subject, CreatedAt = now,
            Note = string.IsNullOrEmpty(request.Note) ? null : request.Note,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.BulkDecisions.Add(bulk);
            await db.SaveChangesAsync(cancellationToken);
        }
        long applied = 0, resolvedCount = 0, after = 0;
        var first = new List<long>();
        while (true)
        {
            var (ids, pageResolved) = await BulkPageAsync(bulk, selection, after, caller, cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }
            applied += ids.Count;
            resolvedCount += pageResolved;
            first.AddRange(ids.Take(options.Value.BulkPreviewSize - first.Count));
            after = ids[^1];
        }
        long skippedCount;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            skippedCount = superseded is null ? await Targets(db, selection, caller, time.GetUtcNow(), heldByOthers: true).LongCountAsync(cancellationToken) : 0;
        }
        Log.BulkDecided(logger, bulk.Id, applied, resolvedCount);
        return new BulkOutcome(bulk.Id, applied, resolvedCount, skippedCount, first);
    }

    /// <summary>The caller's recent bulk decisions, newest first (a unit's, or every one the caller may see).</summary>
    public async Task<IReadOnlyList<BulkDecision>> ListBulkAsync(string? unit, Caller caller, int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var bulks = db.BulkDecisions.AsNoTracking();
        if (!caller.SeesAllUnits)
        {
            var units = caller.Units.ToList();
            bulks = bulks.Where(b => b.Unit != null && units.Contains(b.Unit));
        }
        if (!string.IsNullOrEmpty(unit))
        {
            bulks = bulks.Where(b => b.Unit == unit);
        }
        return (await bulks.OrderByDescending(b => b.Id).Take(Math.Clamp(count, 1, 500)).ToListAsync(cancellationToken))
            .Select(b => new BulkDecision(b.Id, b.Unit, b.BatchId, b.Field, b.Kind, b.Action, b.Supersedes, b.Reviewer, b.CreatedAt, b.Note, b.AppliedCount))
            .ToList();
    }

    private sealed record BulkSelection(string? Unit, string? BatchId, string Field, string Kind, long? Supersedes);

    /// <summary>Writes one page of the bulk decision (the next target cases after <paramref name="after"/>), retrying the page on a conflict.</summary>
    private async Task<(List<long> Ids, long Resolved)> BulkPageAsync(BulkDecisionRow bulk, BulkSelection selection, long after, Caller caller,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await dbFactory.InTransactionAsync(async db =>
                {
                    var now = time.GetUtcNow();
                    var ids = await Targets(db, selection, caller, now).Where(c => c.Id > after).OrderBy(c => c.Id)
                        .Select(c => c.Id).Take(options.Value.BulkPageSize).ToListAsync(cancellationToken);
                    if (ids.Count == 0)
                    {
                        return (ids, 0L);
                    }
                    var rows = await WithEverything(db).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
                    var forms = await FormsAsync(db, rows, cancellationToken);
                    var tallies = new CaseTallies();
                    var settled = new List<(ReviewCaseRow Row, List<TallyKey> Before)>();
                    foreach (var row in rows)
                    {
                        settled.Add((row, TallyKeys(row)));
                        row.Decisions.Add(new FieldDecisionRow
                        {
                            Field = selection.Field, Action = bulk.Action, Reviewer = caller.Subject, DecidedAt = now, Note = bulk.Note,
                            LinkId = row.LinkId, BulkId = bulk.Id,
                        });
                        row.Version++;
                    }
                    await db.SaveChangesAsync(cancellationToken);
                    long resolved = 0;
                    var records = await RecordsAsync(db, rows.Select(r => r.RecordId), cancellationToken);
                    foreach (var (row, before) in settled)
                    {
                        var wasResolved = row.State == ReviewCaseState.Resolved;
                        var record = row.RecordId is { } linked ? records.GetValueOrDefault(linked) : null;
                        await SettleAsync(db, row, forms[(row.BatchId, row.FormId)], record, before, tallies, now, cancellationToken);
                        resolved += !wasResolved && row.State == ReviewCaseState.Resolved ? 1 : 0;
                    }
                    await tallies.AddInBulkAsync(db, [], cancellationToken);
                    await db.BulkDecisions.Where(b => b.Id == bulk.Id)
                        .ExecuteUpdateAsync(set => set.SetProperty(b => b.AppliedCount, b => b.AppliedCount + rows.Count), cancellationToken);
                    audit.Add(db, caller, AuditActions.BulkResolveCases, rows.Select(r => AuditTarget.Case(r.Id)).Prepend(AuditTarget.Bulk(bulk.Id)));
                    await SaveSettledAsync(db, cancellationToken);
                    return (rows.Select(r => r.Id).Order().ToList(), resolved);
                }, cancellationToken);
            }
            catch (Exception ex) when (attempt < MaxBulkPageRetries && ex is DbUpdateConcurrencyException or ConflictException)
            {
                // A reviewer changed one of these cases meanwhile: read the page again.
            }
        }
    }

    /// <summary>
    /// The cases a bulk decision applies to: in the caller's scope and the selection's unit or batch, with a current flag
    /// of the field and kind, and either not decided yet (an open case no one else holds), or — superseding an earlier bulk
    /// decision — whose latest decision on the field is still that bulk decision's. <paramref name="heldByOthers"/> gives
    /// instead the cases left out because another reviewer holds them.
    /// </summary>
    private IQueryable<ReviewCaseRow> Targets(ReconDbContext db, BulkSelection selection, Caller caller, DateTimeOffset now, bool heldByOthers = false)
    {
        var cases = InScope(db.ReviewCases.AsNoTracking(), caller);
        if (!string.IsNullOrEmpty(selection.Unit))
        {
            cases = cases.Where(c => c.Unit == selection.Unit);
        }
        if (!string.IsNullOrEmpty(selection.BatchId))
        {
            cases = cases.Where(c => c.BatchId == selection.BatchId);
        }
        var (field, kind) = (selection.Field, selection.Kind);
        cases = cases.Where(c => db.Discrepancies.Any(d => d.ResultId == c.ResultId && d.LinkId == c.LinkId && d.Field == field && d.Kind == kind));
        if (selection.Supersedes is { } bulkId)
        {
            return cases.Where(c => c.RecordId != null && db.FieldDecisions.Any(d => d.CaseId == c.Id && d.LinkId == c.LinkId && d.Field == field && d.BulkId == bulkId
                && !db.FieldDecisions.Any(later => later.CaseId == c.Id && later.LinkId == c.LinkId && later.Field == field && later.Id > d.Id)));
        }
        cases = cases.Where(c => c.State == ReviewCaseState.Open && c.RecordId != null
            && !db.FieldDecisions.Any(d => d.CaseId == c.Id && d.LinkId == c.LinkId && d.Field == field));
        var cutoff = now - options.Value.ClaimTimeout;
        var subject = caller.Subject;
        return heldByOthers
            ? cases.Where(c => c.ClaimedBy != null && c.ClaimedBy != subject && c.ClaimedAt > cutoff)
            : cases.Where(c => c.ClaimedBy == null || c.ClaimedBy == subject || c.ClaimedAt == null || c.ClaimedAt <= cutoff);
    }

    /// <summary>The target cases whose every other current flag is decided: the decision resolves them.</summary>
    private static IQueryable<ReviewCaseRow> ResolvedBy(ReconDbContext db, IQueryable<ReviewCaseRow> targets, string field)
        => targets.Where(c => !db.Discrepancies.Any(d => d.ResultId == c.ResultId && d.LinkId == c.LinkId && d.Field != field
            && !db.FieldDecisions.Any(f => f.CaseId == c.Id && f.LinkId == c.LinkId && f.Field == d.Field)));

    private static async Task<Dictionary<(string BatchId, string FormId), SurveyForm>> FormsAsync(ReconDbContext db, List<ReviewCaseRow> rows,
        CancellationToken cancellationToken)
    {
        var batchIds = rows.Select(r => r.BatchId).Distinct().ToList();
        var formIds = rows.Select(r => r.FormId).Distinct().ToList();
        return (await db.BatchForms.AsNoTracking().Where(f => batchIds.Contains(f.BatchId) && formIds.Contains(f.FormId)).ToListAsync(cancellationToken))
            .ToDictionary(f => (f.BatchId, f.FormId), f => f.ToForm());
    }
}
