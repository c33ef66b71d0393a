using System.Globalization;
using System.Text.RegularExpressions;
using CccdRecon.Core.Matching;
using CccdRecon.Data;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Paging;
using CccdRecon.Server.Audit;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Intake;
using CccdRecon.Server.Mapping;
using CccdRecon.Server.Security;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using V1 = CccdRecon.Contracts.V1;
using static CccdRecon.Contracts.V1.DomainMapping;

namespace CccdRecon.Server.Review;

/// <summary>
/// Review cases (hồ sơ cần xác minh) on the database. Every change bumps the case's version, which is its etag:
/// a reviewer who resolves with a stale etag gets ABORTED instead of overwriting a colleague's work. A reviewer
/// sees only the cases of batches of its units: any other case does not exist for it (NOT_FOUND, left out of lists).
/// </summary>
internal sealed partial class ReviewStore(
    IDbContextFactory<ReconDbContext> dbFactory,
    RegistryIndex index,
    IOptions<LimitsOptions> limits,
    AuditTrail audit,
    TimeProvider time,
    ILogger<ReviewStore> logger)
{
    public async Task<Page<V1.ReviewCase>> ListAsync(V1.ListCasesRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var check = new Validator(limits.Value);
        var size = check.PageSize(request.PageSize);
        check.MaxLength("batch_id", request.BatchId, 64).MaxLength("field", request.Field, 64).MaxLength("kind", request.Kind, 64);
        if (!System.Enum.IsDefined(request.State))
        {
            check.Add("state", "is not a known case state");
        }
        var filter = $"cases|{request.BatchId}|{(int)request.State}|{request.Field}|{request.Kind}";
        if (!PageToken.TryDecode(request.PageToken, filter, out long? after))
        {
            check.Add("page_token", "is not a token from this listing");
        }
        check.ThrowIfInvalid();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ReviewCases.AsNoTracking().Include(c => c.Result!).ThenInclude(r => r.Discrepancies).Include(c => c.Decisions).AsSplitQuery();
        if (request.BatchId.Length > 0)
        {
            query = query.Where(c => c.BatchId == request.BatchId);
        }
        query = InScope(db, query, caller);
        if (request.State != V1.CaseState.Unspecified)
        {
            var state = (ReviewCaseState)(int)request.State;
            query = query.Where(c => c.State == state);
        }
        if (request.Field.Length > 0 || request.Kind.Length > 0)
        {
            var (field, kind) = (request.Field, request.Kind);
            query = query.Where(c => db.Discrepancies.Any(d => d.ResultId == c.ResultId
                && (field.Length == 0 || d.Field == field) && (kind.Length == 0 || d.Kind == kind)));
        }
        var page = await query.PageByIdAsync(c => c.Id, after, size, filter, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.ListCases, page.Items.Select(c => Target.Case(c.Id)), cancellationToken);
        return new Page<V1.ReviewCase>(page.Items.Select(c => Summary(c)).ToList(), page.NextPageToken);
    }

    public async Task<V1.ReviewCase> GetAsync(string caseId, Caller caller, CancellationToken cancellationToken)
    {
        var id = ParseId(caseId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await LoadAsync(db, id, caller, tracking: false, cancellationToken);
        var detail = await DetailAsync(db, row, cancellationToken);
        await audit.WriteAsync(caller, AuditActions.GetCase, Targets(row), cancellationToken);
        return detail;
    }

    /// <summary>Claims the case for the caller (the token's subject).</summary>
    public async Task<V1.ReviewCase> ClaimAsync(V1.ClaimCaseRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var id = ParseId(request.CaseId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await LoadAsync(db, id, caller, tracking: true, cancellationToken);
        if (row.State == ReviewCaseState.Resolved)
        {
            throw RpcErrors.FailedPrecondition("CASE_RESOLVED", "the case is already resolved");
        }
        if (row.State == ReviewCaseState.Claimed && row.ClaimedBy != caller.Subject)
        {
            throw RpcErrors.FailedPrecondition("CASE_CLAIMED", "the case is claimed by another reviewer");
        }
        row.State = ReviewCaseState.Claimed;
        row.ClaimedBy = caller.Subject;
        row.ClaimedAt = time.GetUtcNow();
        row.Version++;
        audit.Add(db, caller, AuditActions.ClaimCase, Targets(row));
        await SaveAsync(db, id, cancellationToken);
        return await DetailAsync(db, row, cancellationToken);
    }

    /// <summary>Records the caller's decisions (the reviewer is the token's subject); the event commits with them.</summary>
    public async Task<V1.ReviewCase> ResolveAsync(V1.ResolveCaseRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var id = ParseId(request.CaseId);
        var check = new Validator(limits.Value);
        check.Required("etag", request.Etag, 32).MaxLength("note", request.Note, 2000);
        if (request.Decisions.Count == 0)
        {
            check.Add("decisions", "at least one decision is required");
        }
        check.ThrowIfInvalid();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await LoadAsync(db, id, caller, tracking: true, cancellationToken);
        var flagged = row.Result!.Discrepancies.Select(d => d.Field).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Decisions.Count; i++)
        {
            CheckDecision(check, $"decisions[{i}].", request.Decisions[i], flagged, seen);
        }
        check.ThrowIfInvalid();
        if (row.State == ReviewCaseState.Resolved)
        {
            throw RpcErrors.FailedPrecondition("CASE_RESOLVED", "the case is already resolved");
        }
        if (request.Etag != Etag(row))
        {
            Log.StaleEtag(logger, id);
            throw RpcErrors.Aborted("ETAG_MISMATCH", "the case was changed by someone else; reload it and decide again");
        }

        var now = time.GetUtcNow();
        foreach (var decision in request.Decisions)
        {
            row.Decisions.Add(new FieldDecisionRow
            {
                Field = decision.Field,
                Action = (DecisionKind)(int)decision.Action,
                Value = decision.Action == V1.DecisionAction.Correct ? decision.CorrectedValue.Trim() : null,
                Reviewer = caller.Subject,
                DecidedAt = now,
                Note = request.Note.Length > 0 ? request.Note : null,
            });
        }
        row.Version++;
        if (flagged.All(field => row.Decisions.Any(d => d.Field == field)))
        {
            row.State = ReviewCaseState.Resolved;
            row.ResolvedAt = now;
            var form = await FormAsync(db, row, cancellationToken);
            var record = await RecordAsync(db, row.Result.RecordId, cancellationToken)
                ?? throw RpcErrors.FailedPrecondition("RECORD_GONE", "the matched registry record no longer exists");
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

    private void CheckDecision(Validator check, string prefix, V1.FieldDecision decision, HashSet<string> flagged, HashSet<string> seen)
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
            case V1.DecisionAction.KeepRegistry or V1.DecisionAction.TakeForm:
                break;
            case V1.DecisionAction.Correct:
                var value = decision.CorrectedValue.Trim();
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
        FlaggableField.Gender => value is "male" or "female",
        FlaggableField.DateOfBirth => RegistryDate().IsMatch(value),
        FlaggableField.PersonalId => PersonalIdDigits().IsMatch(value),
        _ => true,
    };

    [GeneratedRegex(@"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
    private static partial Regex RegistryDate();

    [GeneratedRegex(@"^(\d{12}|\d{9})$")]
    private static partial Regex PersonalIdDigits();

    private async Task SaveAsync(ReconDbContext db, long id, CancellationToken cancellationToken)
    {
        var expected = (int)db.Entry(await db.ReviewCases.FindAsync([id], cancellationToken) ?? throw new InvalidOperationException())
            .Property(nameof(ReviewCaseRow.Version)).OriginalValue!;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another reviewer's change committed between our read and our write: the version check failed, or
            // (both resolving) the clean record's unique key did. Either way the case moved on without us.
            if (ex is DbUpdateConcurrencyException || await CurrentVersionAsync(id, cancellationToken) != expected)
            {
                Log.StaleEtag(logger, id);
                throw RpcErrors.Aborted("ETAG_MISMATCH", "the case was changed by someone else; reload it and decide again");
            }
            throw;
        }
    }

    private async Task<int?> CurrentVersionAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ReviewCases.Where(c => c.Id == id).Select(c => (int?)c.Version).FirstOrDefaultAsync(cancellationToken);
    }

    private static string Etag(ReviewCaseRow row) => row.Version.ToString(CultureInfo.InvariantCulture);

    private static long ParseId(string caseId)
    {
        if (string.IsNullOrWhiteSpace(caseId))
        {
            throw RpcErrors.InvalidArgument("case_id", "is required");
        }
        if (!long.TryParse(caseId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw RpcErrors.InvalidArgument("case_id", "is not a case id");
        }
        return id;
    }

    /// <summary>The case, if it exists and the caller serves its batch's unit; otherwise NOT_FOUND either way.</summary>
    private static async Task<ReviewCaseRow> LoadAsync(ReconDbContext db, long id, Caller caller, bool tracking, CancellationToken cancellationToken)
    {
        var query = InScope(db, db.ReviewCases.Include(c => c.Result!).ThenInclude(r => r.Discrepancies).Include(c => c.Decisions).AsSplitQuery()
            .Where(c => c.Id == id), caller);
        return await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken)
            ?? throw RpcErrors.NotFound("case", id.ToString(CultureInfo.InvariantCulture));
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
        yield return Target.Case(row.Id);
        yield return Target.Batch(row.BatchId);
        yield return Target.Form(row.FormId);
        if (row.Result?.RecordId is { } recordId)
        {
            yield return Target.Record(recordId);
        }
    }

    private static async Task<SurveyForm> FormAsync(ReconDbContext db, ReviewCaseRow row, CancellationToken cancellationToken)
        => (await db.BatchForms.AsNoTracking().FirstAsync(f => f.BatchId == row.BatchId && f.FormId == row.FormId, cancellationToken)).ToDomain();

    private async Task<RegistryRecord?> RecordAsync(ReconDbContext db, string? recordId, CancellationToken cancellationToken)
    {
        if (recordId is null)
        {
            return null;
        }
        return index.Get(recordId)
            ?? (await db.RegistryRecords.AsNoTracking().FirstOrDefaultAsync(r => r.RecordId == recordId, cancellationToken))?.ToDomain();
    }

    private static V1.ReviewCase Summary(ReviewCaseRow row)
    {
        var result = new V1.ReviewCase
        {
            CaseId = row.Id.ToString(CultureInfo.InvariantCulture),
            BatchId = row.BatchId,
            FormId = row.FormId,
            State = (V1.CaseState)(int)row.State,
            Etag = Etag(row),
            ClaimedBy = row.ClaimedBy ?? "",
            ClaimTime = row.ClaimedAt.ToTimestamp(),
            CreateTime = Timestamp.FromDateTimeOffset(row.CreatedAt),
            ResolveTime = row.ResolvedAt.ToTimestamp(),
            Score = row.Result?.Score ?? 0,
        };
        if (row.Result is not null)
        {
            result.Discrepancies.AddRange(row.Result.Discrepancies.OrderBy(d => d.Id).Select(d => d.ToProto()));
        }
        result.Decisions.AddRange(row.Decisions.OrderBy(d => d.Id).Select(d => new V1.FieldDecision
        {
            Field = d.Field,
            Action = (V1.DecisionAction)(int)d.Action,
            CorrectedValue = d.Value ?? "",
            Reviewer = d.Reviewer,
            DecideTime = Timestamp.FromDateTimeOffset(d.DecidedAt),
            Note = d.Note ?? "",
        }));
        return result;
    }

    private async Task<V1.ReviewCase> DetailAsync(ReconDbContext db, ReviewCaseRow row, CancellationToken cancellationToken)
    {
        var result = Summary(row);
        result.Form = (await FormAsync(db, row, cancellationToken)).ToProto();
        if (await RecordAsync(db, row.Result!.RecordId, cancellationToken) is { } record)
        {
            result.Record = record.ToProto();
        }
        result.Explanation = Mapper.ExplanationOf(row.Result);
        return result;
    }
}
