using CccdRecon.Core.Matching;
using CccdRecon.Data;
using CccdRecon.Data.Entities;
using CccdRecon.Reports;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Web.Reports;

/// <summary>
/// A stored batch as a <see cref="CorrectionList"/>: its review cases (the forms that need a person) with the form as
/// keyed, the engine's status, the current link and its flagged fields, and the reviewers' current decisions — read a
/// page of cases at a time, each page in four indexed queries, and turned into list entries by
/// <see cref="CorrectionCases.From(ReviewedCase)"/> (reviewers' decisions before the engine's suggestions).
/// </summary>
public static class BatchCorrectionSource
{
    /// <summary>Cases read per round trip.</summary>
    public const int PageSize = 1_000;

    /// <param name="CaseOf">The review case of each listed form (the audit trail names cases).</param>
    public sealed record Loaded(CorrectionList List, IReadOnlyDictionary<string, long> CaseOf);

    /// <param name="communeKeys">
    /// Only the cases of these communes (<see cref="ReviewCaseRow.CommuneKey"/>; "" for forms whose address names none),
    /// read through the batch's commune index: one commune's notices cost that commune's cases, not the batch's.
    /// </param>
    public static async Task<Loaded> LoadAsync(ReconDbContext db, BatchRow batch, DateTimeOffset now, CancellationToken cancellationToken,
        IReadOnlyCollection<string>? communeKeys = null)
    {
        var cases = new List<CorrectionCase>();
        var caseOf = new Dictionary<string, long>(StringComparer.Ordinal);
        var labels = await Dashboard.DashboardQueries.CommuneLabelsAsync(db, batch.Id, cancellationToken);
        var keys = communeKeys?.ToList();
        var unplaced = keys?.Contains("") ?? false;
        long after = 0;
        while (true)
        {
            var page = await (from c in db.ReviewCases.AsNoTracking()
                              where c.BatchId == batch.Id && c.Id > after
                                    && (keys == null || keys.Contains(c.CommuneKey!) || (unplaced && c.CommuneKey == null))
                              orderby c.Id
                              join f in db.BatchForms.AsNoTracking() on new { c.BatchId, c.FormId } equals new { f.BatchId, f.FormId }
                              join r in db.BatchResults.AsNoTracking() on c.ResultId equals r.Id
                              select new
                              {
                                  c.Id, c.ResultId, c.FormId, c.RecordId, c.Link, c.LinkId, r.Status,
                                  f.Person.FullName, f.Person.DateOfBirth, f.Person.PersonalId, f.Person.Gender, f.Person.PermanentAddress,
                              })
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0) break;
            after = page[^1].Id;

            var ids = page.Select(p => p.Id).ToList();
            var resultIds = page.Select(p => p.ResultId).ToList();
            var flags = (await db.Discrepancies.AsNoTracking().Where(d => resultIds.Contains(d.ResultId)).OrderBy(d => d.Id).ToListAsync(cancellationToken))
                .ToLookup(d => (d.ResultId, d.LinkId));
            var decisions = (await db.FieldDecisions.AsNoTracking().Where(d => ids.Contains(d.CaseId)).OrderBy(d => d.Id)
                    .Select(d => new { d.CaseId, d.LinkId, d.Field, d.Action, d.Value, d.Reviewer }).ToListAsync(cancellationToken))
                .ToLookup(d => (d.CaseId, d.LinkId));

            foreach (var p in page)
            {
                var reviewed = new ReviewedCase
                {
                    Form = new SurveyForm
                    {
                        FormId = p.FormId, FullName = p.FullName, DateOfBirth = p.DateOfBirth, PersonalId = p.PersonalId, Gender = p.Gender,
                        PermanentAddress = p.PermanentAddress,
                    },
                    EngineStatus = p.Status,
                    RecordId = p.RecordId,
                    Link = VerdictOf(p.Link),
                    Flags = flags[(p.ResultId, p.LinkId)].Select(d => d.ToDiscrepancy()).ToList(),
                    // In decision order: the latest per field wins.
                    Decisions = decisions[(p.Id, p.LinkId)].Select(d => new ReviewerDecision(d.Field, VerdictOf(d.Action), d.Value, d.Reviewer)).ToList(),
                };
                if (CorrectionCases.From(reviewed) is { } entry)
                {
                    cases.Add(entry);
                    caseOf[p.FormId] = p.Id;
                }
            }
            if (page.Count < PageSize) break;
        }

        var list = new CorrectionList
        {
            BatchId = batch.Id,
            Unit = string.IsNullOrEmpty(batch.Unit) ? null : new BatchUnit(batch.Unit),
            CreatedAt = now,
            Cases = cases,
            CommuneLabels = labels,
        };
        return new Loaded(list, caseOf);
    }

    public static LinkVerdict VerdictOf(LinkDecisionKind? link) => link switch
    {
        LinkDecisionKind.Confirm => LinkVerdict.Confirmed,
        LinkDecisionKind.Choose => LinkVerdict.Chosen,
        LinkDecisionKind.Reject => LinkVerdict.Rejected,
        _ => LinkVerdict.None,
    };

    public static FieldVerdict VerdictOf(DecisionKind action) => action switch
    {
        DecisionKind.KeepRegistry => FieldVerdict.KeepRegistry,
        DecisionKind.TakeForm => FieldVerdict.TakeForm,
        _ => FieldVerdict.Correct,
    };
}
