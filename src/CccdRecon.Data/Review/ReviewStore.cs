using System.Globalization;
using System.Text.RegularExpressions;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Intake;
using CccdRecon.Data.Json;
using CccdRecon.Data.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CccdRecon.Data.Review;

/// <summary>
/// Review cases (hồ sơ cần xác minh) on the database. Every change bumps the case's version, which is its etag:
/// a reviewer who resolves with a stale etag gets a <see cref="ConflictException"/> instead of overwriting a colleague's
/// work. A reviewer sees only the cases of batches of its units: any other case does not exist for it (not found, left
/// out of lists).
/// </summary>
public sealed partial class ReviewStore(
    IDbContextFactory<ReconDbContext> dbFactory,
    RegistryIndex index,
    IOptions<StoreLimits> limits,
    AuditTrail audit,
    TimeProvider time,
    ILogger<ReviewStore> logger)
{
    private const int MaxFilterLength = 64;
    private const int MaxEtagLength = 32;
    private const int MaxNoteLength = 2000;
    private const string StaleEtagMessage = "the case was changed by someone else; reload it and decide again";

    public async Task<Page<ReviewCase>> ListAsync(CaseQuery query, Caller caller, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value);
        var filter = $"cases|{query.BatchId}|{(int?)query.State ?? 0}|{query.Field}|{query.Kind}";
        var size = check.Page(query.Page, filter, out long? after);
        check.MaxLength("batch_id", query.BatchId, MaxFilterLength).MaxLength("field", query.Field, MaxFilterLength).MaxLength("kind", query.Kind, MaxFilterLength);
        if (query.State is { } wanted && !Enum.IsDefined(wanted))
        {
            check.Add("state", "is not a known case state");
        }
        check.ThrowIfInvalid();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cases = db.ReviewCases.AsNoTracking().Include(c => c.Result!).ThenInclude(r => r.Discrepancies).Include(c => c.Decisions).AsSplitQuery();
        if (!string.IsNullOrEmpty(query.BatchId))
        {
            cases = cases.Where(c => c.BatchId == query.BatchId);
        }
        cases = InScope(db, cases, caller);
        if (query.State is { } state)
        {
            cases = cases.Where(c => c.State == state);
        }
        if (!string.IsNullOrEmpty(query.Field) || !string.IsNullOrEmpty(query.Kind))
        {
            var (field, kind) = (query.Field ?? "", query.Kind ?? "");
            cases = cases.Where(c => db.Discrepancies.Any(d => d.ResultId == c.ResultId
                && (field.Length == 0 || d.Field == field) && (kind.Length == 0 || d.Kind == kind)));
        }
        var page = await cases.PageByIdAsync(c => c.Id, after, size, filter, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ListCases, page.Items.Select(c => AuditTarget.Case(c.Id)), cancellationToken);
        return page.Select(ReviewCase.Of);
    }

    public async Task<ReviewCaseDetail> GetAsync(string? caseId, Caller caller, CancellationToken cancellationToken)
    {
        var id = ParseId(caseId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await LoadAsync(db, id, caller, tracking: false, cancellationToken);
        var detail = await DetailAsync(db, row, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.GetCase, Targets(row), cancellationToken);
        return detail;
    }

    /// <summary>Claims the case for the caller.</summary>
    public async Task<ReviewCaseDetail> ClaimAsync(string? caseId, Caller caller, CancellationToken cancellationToken)
    {
        var id = ParseId(caseId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await LoadAsync(db, id, caller, tracking: true, cancellationToken);
        if (row.State == ReviewCaseState.Resolved)
        {
            throw new PreconditionFailedException("CASE_RESOLVED", "the case is already resolved");
        }
        if (row.State == ReviewCaseState.Claimed && row.ClaimedBy != caller.Subject)
        {
            throw new PreconditionFailedException("CASE_CLAIMED", "the case is claimed by another reviewer");
        }
        row.State = ReviewCaseState.Claimed;
        row.ClaimedBy = caller.Subject;
        row.ClaimedAt = time.GetUtcNow();
        row.Version++;
        audit.Add(db, caller, AuditActions.ClaimCase, Targets(row));
        await SaveAsync(db, id, cancellationToken);
        return await DetailAsync(db, row, cancellationToken);
    }

    /// <summary>
    /// Records the caller's decisions (the reviewer is the caller, whoever the request names); the audit event commits
    /// with them. Once every flagged field is decided the case is resolved and its clean record written.
    /// </summary>
    public async Task<ReviewCaseDetail> ResolveAsync(CaseResolution resolution, Caller caller, CancellationToken cancellationToken)
    {
        var id = ParseId(resolution.CaseId);
        var check = new Validator(limits.Value);
        check.Required("etag", resolution.Etag, MaxEtagLength).MaxLength("note", resolution.Note, MaxNoteLength);
        if (resolution.Decisions.Count == 0)
        {
            check.Add("decisions", "at least one decision is required");
        }
        check.ThrowIfInvalid();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await LoadAsync(db, id, caller, tracking: true, cancellationToken);
        var flagged = row.Result!.Discrepancies.Select(d => d.Field).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < resolution.Decisions.Count; i++)
        {
            CheckDecision(check, $"decisions[{i}].", resolution.Decisions[i], flagged, seen);
        }
        check.ThrowIfInvalid();
        if (row.State == ReviewCaseState.Resolved)
        {
            throw new PreconditionFailedException("CASE_RESOLVED", "the case is already resolved");
        }
        if (resolution.Etag != ReviewCase.EtagOf(row.Version))
        {
            Log.StaleEtag(logger, id);
            throw new ConflictException(ConflictException.StaleEtag, StaleEtagMessage);
        }

        var now = time.GetUtcNow();
        var note = string.IsNullOrEmpty(resolution.Note) ? null : resolution.Note;
        foreach (var decision in resolution.Decisions)
        {
            row.Decisions.Add(new FieldDecisionRow
            {
                Field = decision.Field,
                Action = decision.Action!.Value,
                Value = decision.Action == DecisionKind.Correct ? decision.CorrectedValue!.Trim() : null,
                Reviewer = caller.Subject,
                DecidedAt = now,
                Note = note,
            });
        }
        row.Version++;
        if (flagged.All(field => row.Decisions.Any(d => d.Field == field)))
        {
            row.State = ReviewCaseState.Resolved;
            row.ResolvedAt = now;
            var form = await FormAsync(db, row, cancellationToken);
            var record = await RecordAsync(db, row.Result.RecordId, cancellationToken)
                ?? throw new PreconditionFailedException("RECORD_GONE", "the matched registry record no longer exists");
            db.CleanRecords.Add(CleanRecords.FromReview(row.BatchId, form, record, row.Result.Discrepancies, row.Decisions, now));
        }
        audit.Add(db, caller, AuditActions.ResolveCase, Targets(row));
        await SaveAsync(db, id, cancellationToken);
        if (row.State == ReviewCaseState.Resolved)
        {
            Log.CaseResolved(logger, id);
        }
        return await DetailAsync(db, row, cancellationToken);
    }

    private static void CheckDecision(Validator check, string prefix, DecisionRequest decision, HashSet<string> flagged, HashSet<string> seen)
    {
        if (!flagged.Contains(decision.Field))
        {
            check.Add(prefix + "field", "is not a flagged field of this case");
        }
        else if (!seen.Add(decision.Field))
        {
            check.Add(prefix + "field", "is decided twice in this request");
        }
        switch (decision.Action)
        {
            case DecisionKind.KeepRegistry or DecisionKind.TakeForm:
                break;
            case DecisionKind.Correct:
                var value = decision.CorrectedValue?.Trim() ?? "";
                check.Required(prefix + "corrected_value", value);
                if (value.Length > 0 && !IsWellFormed(decision.Field, value))
                {
                    check.Add(prefix + "corrected_value", $"is not a valid {decision.Field}");
                }
                break;
            default:
                check.Add(prefix + "action", "must be KEEP_REGISTRY, TAKE_FORM or CORRECT");
                break;
        }
    }

    /// <summary>A correction goes straight into the intake record, so it must already be in registry form.</summary>
    private static bool IsWellFormed(string field, string value) => field switch
    {
        PersonFields.Gender => value is "male" or "female",
        PersonFields.DateOfBirth => RegistryDate().IsMatch(value),
        PersonFields.PersonalId => PersonalIdDigits().IsMatch(value),
        _ => true,
    };

    // ASCII digits only (\d would take any script's digits) and \z, not $, which also matches before a final line break.
    [GeneratedRegex(@"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\z")]
    private static partial Regex RegistryDate();

    [GeneratedRegex(@"^([0-9]{12}|[0-9]{9})\z")]
    private static partial Regex PersonalIdDigits();

    /// <summary>
    /// Commits the case's change, or reports that a colleague's change committed between our read and our write: the
    /// version check failed, or (both resolving) the clean record's unique key did. Any other failure is a fault.
    /// </summary>
    private async Task SaveAsync(ReconDbContext db, long id, CancellationToken cancellationToken)
    {
        var expected = (int)db.Entry(await db.ReviewCases.FindAsync([id], cancellationToken) ?? throw new InvalidOperationException())
            .Property(nameof(ReviewCaseRow.Version)).OriginalValue!;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(ex))
        {
            if (ex is not DbUpdateConcurrencyException && await CurrentVersionAsync(id, cancellationToken) == expected)
            {
                throw;
            }
            Log.StaleEtag(logger, id);
            throw new ConflictException(ConflictException.StaleEtag, StaleEtagMessage);
        }
    }

    private async Task<int?> CurrentVersionAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ReviewCases.Where(c => c.Id == id).Select(c => (int?)c.Version).FirstOrDefaultAsync(cancellationToken);
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

    /// <summary>The case, if it exists and the caller serves its batch's unit; otherwise not found either way.</summary>
    private static async Task<ReviewCaseRow> LoadAsync(ReconDbContext db, long id, Caller caller, bool tracking, CancellationToken cancellationToken)
    {
        var query = InScope(db, db.ReviewCases.Include(c => c.Result!).ThenInclude(r => r.Discrepancies).Include(c => c.Decisions).AsSplitQuery()
            .Where(c => c.Id == id), caller);
        return await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("case", id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Only the cases of batches of the caller's units (every case for an administrator).</summary>
    private static IQueryable<ReviewCaseRow> InScope(ReconDbContext db, IQueryable<ReviewCaseRow> query, Caller caller)
    {
        if (caller.SeesAllUnits)
        {
            return query;
        }
        var units = caller.Units.ToList();
        return query.Where(c => db.Batches.Any(b => b.Id == c.BatchId && units.Contains(b.Unit)));
    }

    private static IEnumerable<string> Targets(ReviewCaseRow row)
    {
        yield return AuditTarget.Case(row.Id);
        yield return AuditTarget.Batch(row.BatchId);
        yield return AuditTarget.Form(row.FormId);
        if (row.Result?.RecordId is { } recordId)
        {
            yield return AuditTarget.Record(recordId);
        }
    }

    private static async Task<SurveyForm> FormAsync(ReconDbContext db, ReviewCaseRow row, CancellationToken cancellationToken)
        => (await db.BatchForms.AsNoTracking().FirstAsync(f => f.BatchId == row.BatchId && f.FormId == row.FormId, cancellationToken)).ToForm();

    private async Task<RegistryRecord?> RecordAsync(ReconDbContext db, string? recordId, CancellationToken cancellationToken)
    {
        if (recordId is null)
        {
            return null;
        }
        return index.Get(recordId)
            ?? (await db.RegistryRecords.AsNoTracking().FirstOrDefaultAsync(r => r.RecordId == recordId, cancellationToken))?.ToRecord();
    }

    private async Task<ReviewCaseDetail> DetailAsync(ReconDbContext db, ReviewCaseRow row, CancellationToken cancellationToken)
        => new(ReviewCase.Of(row), await FormAsync(db, row, cancellationToken), await RecordAsync(db, row.Result!.RecordId, cancellationToken),
            ExplanationJson.Read(row.Result.ExplanationJson));
}
