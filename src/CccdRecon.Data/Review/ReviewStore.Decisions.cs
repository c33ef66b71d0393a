using System.Globalization;
using System.Text.RegularExpressions;
using CccdRecon.Core.Access;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Access;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Intake;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Review;

public sealed partial class ReviewStore
{
    /// <summary>
    /// Claims the case for the caller: others see who holds it until the claim lapses (<c>Review:ClaimTimeout</c>),
    /// is released or is reassigned. A lapsed claim is anyone's to take.
    /// </summary>
    public Task<ReviewCaseDetail> ClaimAsync(string? caseId, Caller caller, CancellationToken cancellationToken)
        => ChangeAsync(caseId, caller, AuditActions.ClaimCase, [], (row, now) =>
        {
            RequireUnresolved(row);
            if (ClaimIsLive(row, now) && row.ClaimedBy != caller.Subject)
            {
                throw new PreconditionFailedException("CASE_CLAIMED", "the case is claimed by another reviewer");
            }
            row.ClaimedBy = caller.Subject;
            row.ClaimedAt = now;
        }, cancellationToken);

    /// <summary>Gives the case back to the queue. Only its holder may, or an administrator.</summary>
    public Task<ReviewCaseDetail> ReleaseAsync(string? caseId, Caller caller, CancellationToken cancellationToken)
        => ChangeAsync(caseId, caller, AuditActions.ReleaseCase, [], (row, now) =>
        {
            if (!ClaimIsLive(row, now))
            {
                throw new PreconditionFailedException("CASE_NOT_CLAIMED", "the case is not claimed");
            }
            if (row.ClaimedBy != caller.Subject && caller.Role != Roles.Admin)
            {
                throw new PreconditionFailedException("CASE_CLAIMED", "the case is claimed by another reviewer; an administrator can release or reassign it");
            }
            row.ClaimedBy = null;
            row.ClaimedAt = null;
        }, cancellationToken);

    /// <summary>Hands the case to another reviewer (an administrator's act): the claim is theirs from now.</summary>
    public Task<ReviewCaseDetail> ReassignAsync(string? caseId, string? reviewer, Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Role != Roles.Admin)
        {
            throw new ForbiddenException(Roles.Admin, $"reassigning a case needs the role {Roles.Admin}");
        }
        new Validator(limits.Value).Required("reviewer", reviewer).ThrowIfInvalid();
        var to = reviewer!.Trim();
        return ChangeAsync(caseId, caller, AuditActions.ReassignCase, [AuditTarget.Reviewer(to)], (row, now) =>
        {
            RequireUnresolved(row);
            row.ClaimedBy = to;
            row.ClaimedAt = now;
        }, cancellationToken);
    }

    /// <summary>
    /// Records the caller's decisions (the reviewer is the caller, whoever the request names): a link decision (confirm,
    /// reject: not this person, choose another record) and field decisions on the current link's flagged fields. A
    /// decision on a case already resolved supersedes the earlier one (history is append-only). Once the link is
    /// rejected, or every flagged field of the link has a decision, the case is resolved and its clean record (re)written;
    /// a rejected form has none. The audit event and the tallies commit with the change.
    /// </summary>
    public async Task<ReviewCaseDetail> ResolveAsync(CaseResolution resolution, Caller caller, CancellationToken cancellationToken)
    {
        var id = ParseId(resolution.CaseId);
        var check = new Validator(limits.Value);
        check.Required("etag", resolution.Etag, MaxEtagLength).MaxLength("note", resolution.Note, MaxNoteLength);
        if (resolution.UnknownLink)
        {
            check.Add("link_decision", "is not a known link decision");
        }
        if (resolution.Link == LinkDecisionKind.Choose)
        {
            check.Required("record_id", resolution.RecordId, Registry.RegistryStore.MaxIdLength);
        }
        else if (!string.IsNullOrEmpty(resolution.RecordId))
        {
            check.Add("record_id", "is only for LINK_DECISION_CHOOSE");
        }
        if (resolution.Link == LinkDecisionKind.Reject && resolution.Decisions.Count > 0)
        {
            check.Add("decisions", "a rejected link has no field decisions");
        }
        if (resolution.Link is null && !resolution.UnknownLink && resolution.Decisions.Count == 0)
        {
            check.Add("decisions", "at least one decision (or a link decision) is required");
        }
        check.ThrowIfInvalid();
        RegistryRecord? chosen = null;
        if (resolution.Link == LinkDecisionKind.Choose)
        {
            var chosenId = resolution.RecordId!.Trim();
            chosen = await registry.GetAsync(chosenId, cancellationToken) ?? throw new NotFoundException("record", chosenId);
        }

        var row = await dbFactory.InTransactionAsync(async db =>
        {
            var row = await LoadAsync(db, id, caller, tracking: true, cancellationToken);
            RequireEtag(row, resolution.Etag);
            var now = time.GetUtcNow();
            var form = await FormAsync(db, row, cancellationToken);
            var before = TallyKeys(row);
            var previousRecord = row.RecordId;
            var note = string.IsNullOrEmpty(resolution.Note) ? null : resolution.Note;

            // 1. The link decision, and the version check: nothing else is written for a stale etag.
            var relinkTo = ApplyLinkDecision(row, resolution.Link, chosen, caller, now, note);
            LinkDecisionRow? relink = relinkTo is null ? null : row.LinkDecisions[^1];
            row.Version++;
            await SaveAsync(db, id, cancellationToken);
            RegistryRecord? record;
            if (relink is not null)
            {
                record = chosen ?? await RecordAsync(db, relinkTo, cancellationToken) ?? throw new PreconditionFailedException("RECORD_GONE", "the record no longer exists");
                row.LinkId = relink.Id;
                var flags = reconciler.ExplainPair(form, record).Discrepancies;
                row.Flags = CaseFlags.Format(flags.Select(f => (f.Field, f.Kind)));
                foreach (var flag in flags)
                {
                    var flagRow = DiscrepancyRow.Of(flag);
                    flagRow.LinkId = relink.Id;
                    flagRow.ResultId = row.ResultId;
                    row.Result!.Discrepancies.Add(flagRow);
                }
            }
            else
            {
                record = await RecordAsync(db, row.RecordId, cancellationToken);
            }

            // 2. Field decisions on the current link's flags.
            var flagged = CurrentFlags(row).Select(d => d.Field).ToHashSet(StringComparer.Ordinal);
            var decisions = new Validator(limits.Value);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < resolution.Decisions.Count; i++)
            {
                CheckDecision(decisions, $"decisions[{i}].", resolution.Decisions[i], flagged, seen);
            }
            decisions.ThrowIfInvalid();
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
                    LinkId = row.LinkId,
                });
            }
            await db.SaveChangesAsync(cancellationToken);

            // 3. Where the case stands now: its state, clean record, counters and audit event.
            var tallies = new CaseTallies();
            await SettleAsync(db, row, form, record, before, tallies, now, cancellationToken);
            await tallies.AddInBulkAsync(db, [], cancellationToken);
            audit.Add(db, caller, AuditActions.ResolveCase, Targets(row, previousRecord is null ? null : [previousRecord]));
            await SaveSettledAsync(db, cancellationToken);
            return row;
        }, cancellationToken);
        if (row.State == ReviewCaseState.Resolved)
        {
            Log.CaseResolved(logger, id);
        }
        await using var read = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DetailAsync(read, row, cancellationToken);
    }

    /// <summary>
    /// Records the link decision on the row; returns the record to re-link to when the decision links another record
    /// than the one whose flags are current (a choice, or confirming an ambiguous case's best candidate).
    /// </summary>
    private static string? ApplyLinkDecision(ReviewCaseRow row, LinkDecisionKind? link, RegistryRecord? chosen, Caller caller, DateTimeOffset now, string? note)
    {
        void Add(LinkDecisionKind action, string? recordId)
        {
            row.LinkDecisions.Add(new LinkDecisionRow { Action = action, RecordId = recordId, Reviewer = caller.Subject, DecidedAt = now, Note = note });
            row.Link = action;
        }
        switch (link)
        {
            case null when row.RecordId is null:
                throw new InvalidInputException("link_decision",
                    "this case is linked to no record: choose one (LINK_DECISION_CHOOSE) or reject the link (LINK_DECISION_REJECT)");
            case null:
                if (row.Link == LinkDecisionKind.Reject)
                {
                    throw new InvalidInputException("link_decision", "the link was rejected: confirm or choose a record before deciding fields");
                }
                return null;
            case LinkDecisionKind.Confirm when row.RecordId is not null && (row.Kind != CaseKind.Ambiguous || row.LinkId is not null):
                Add(LinkDecisionKind.Confirm, row.RecordId);
                return null;
            case LinkDecisionKind.Confirm when row.Kind == CaseKind.Ambiguous && row.Result?.RecordId is { } best:
                Add(LinkDecisionKind.Confirm, best);
                row.RecordId = best;
                return best;
            case LinkDecisionKind.Confirm:
                throw new InvalidInputException("link_decision", "there is no link to confirm: choose a record (LINK_DECISION_CHOOSE) or reject (LINK_DECISION_REJECT)");
            case LinkDecisionKind.Reject:
                // Not this person: the case links no record from now (the rejected one stays in the history).
                Add(LinkDecisionKind.Reject, null);
                row.RecordId = null;
                return null;
            default:
                var target = chosen!.RecordId;
                Add(LinkDecisionKind.Choose, target);
                if (target == row.RecordId && (row.Kind != CaseKind.Ambiguous || row.LinkId is not null))
                {
                    return null;
                }
                row.RecordId = target;
                return target;
        }
    }

    /// <summary>
    /// Puts a case where its decisions leave it: resolved once the link is rejected or every current flag is decided
    /// (then its clean record, if linked, is written anew), open otherwise; moves its counters.
    /// </summary>
    private async Task SettleAsync(ReconDbContext db, ReviewCaseRow row, SurveyForm form, RegistryRecord? record, List<TallyKey> before,
        CaseTallies tallies, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var flags = CurrentFlags(row);
        var decided = CurrentDecisions(row);
        var rejected = row.Link == LinkDecisionKind.Reject;
        var complete = row.RecordId is not null && flags.All(f => decided.Any(d => d.Field == f.Field));
        var resolved = rejected || complete;
        if (resolved)
        {
            row.ResolvedAt = row.State == ReviewCaseState.Resolved && row.ResolvedAt is { } earlier ? earlier : now;
            row.State = ReviewCaseState.Resolved;
            row.ClaimedBy = null;
            row.ClaimedAt = null;
        }
        else
        {
            row.State = ReviewCaseState.Open;
            row.ResolvedAt = null;
        }
        // A clean record reflects the latest decisions: written anew (a new id, so incremental intake sees it again).
        await db.CleanRecords.Where(c => c.BatchId == row.BatchId && c.FormId == row.FormId).ExecuteDeleteAsync(cancellationToken);
        if (resolved && !rejected)
        {
            var linked = record ?? throw new PreconditionFailedException("RECORD_GONE", "the matched registry record no longer exists");
            db.CleanRecords.Add(CleanRecords.FromReview(row.BatchId, form, linked, flags, decided, now));
        }
        tallies.Move(before, TallyKeys(row));
    }

    private static List<TallyKey> TallyKeys(ReviewCaseRow row)
        => CaseTallies.KeysOf(row.BatchId, row.Kind, row.State, CurrentFlags(row).Select(d => (d.Field, d.Kind))).ToList();

    /// <summary>Loads the case for a change, checks it, bumps its version and commits the change with its audit event.</summary>
    private async Task<ReviewCaseDetail> ChangeAsync(string? caseId, Caller caller, string action, IReadOnlyList<string> extraTargets,
        Action<ReviewCaseRow, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        var id = ParseId(caseId);
        var row = await dbFactory.InTransactionAsync(async db =>
        {
            var row = await LoadAsync(db, id, caller, tracking: true, cancellationToken);
            change(row, time.GetUtcNow());
            row.Version++;
            audit.Add(db, caller, action, Targets(row).Concat(extraTargets));
            await SaveAsync(db, id, cancellationToken);
            return row;
        }, cancellationToken);
        await using var read = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DetailAsync(read, row, cancellationToken);
    }

    private static void RequireUnresolved(ReviewCaseRow row)
    {
        if (row.State == ReviewCaseState.Resolved)
        {
            throw new PreconditionFailedException("CASE_RESOLVED", "the case is already resolved");
        }
    }

    private void RequireEtag(ReviewCaseRow row, string? etag)
    {
        if (!ReviewCase.TryParseEtag(etag, out var version) || version != row.Version)
        {
            Log.StaleEtag(logger, row.Id);
            throw new ConflictException(ConflictException.StaleEtag, StaleEtagMessage);
        }
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

    /// <summary>
    /// Commits what settling cases added. A unique key taken at the same moment (the first counter of a new kind of flag,
    /// made by two reviewers at once on a server database) is a conflict the caller retries.
    /// </summary>
    private static async Task SaveSettledAsync(ReconDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new ConflictException(ConflictException.ConcurrentChange, "another change to cases of this batch committed at the same moment; retry");
        }
    }

    private async Task<int?> CurrentVersionAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ReviewCases.Where(c => c.Id == id).Select(c => (int?)c.Version).FirstOrDefaultAsync(cancellationToken);
    }

    private static string IdText(long id) => id.ToString(CultureInfo.InvariantCulture);
}
