using CccdRecon.Contracts.V1;
using CccdRecon.Data.Intake;
using Grpc.Net.Client;
using Domain = CccdRecon.Core.Matching;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// What a batch run through a server in cluster mode leaves for intake and review, which the server composes from
/// registry records it does not hold (the silos do): the clean records (IntakeService.ListCleanRecords, what
/// <c>cccdrecon batch</c> writes to clean.csv) equal to those one process holding the whole registry writes, and a
/// reviewer's "choose this record" (ReviewService.ResolveCase, LINK_DECISION_CHOOSE) links the record chosen.
/// </summary>
internal static class IntakeAndReview
{
    /// <summary>
    /// Every clean form's clean record, as one process composes it from the record the form links (the same function
    /// the single-process batch writes with), with each field's source; no other.
    /// </summary>
    /// <param name="channel">a channel whose token has the intake role and the batch's unit</param>
    /// <param name="forms">the batch holds the first this many of the data's forms</param>
    public static async Task AssertCleanRecordsAsSingleProcessAsync(GrpcChannel channel, GeneratedRegistry data, int forms, string batchId, CancellationToken cancellationToken)
    {
        var expected = data.Forms.Take(forms)
            .Select((form, i) => (Form: form, Result: data.Expected[i]))
            .Where(p => p.Result.Status == Domain.MatchStatus.Clean)
            .Select(p => CleanRecords.ToIntakeRecord(CleanRecords.FromMatch(batchId, p.Form, data.Single.Index.Get(p.Result.RecordId!)!, DateTimeOffset.UnixEpoch)))
            .ToDictionary(r => r.FormId, r => (Record: r.Record.ToProto(), Sources: Describe(r.Sources.Select(s => (s.Field, s.Source.ToString())))));
        Assert.NotEmpty(expected);

        var actual = await CleanRecordsAsync(channel, batchId, cancellationToken);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Select(c => c.FormId).Order(StringComparer.Ordinal));
        foreach (var clean in actual)
        {
            var (record, sources) = expected[clean.FormId];
            Assert.Equal(record, clean.Record);
            Assert.Equal(sources, Describe(clean.Sources.Select(s => (s.Field, s.Source.ToString()))));
        }
    }

    /// <summary>
    /// A reviewer takes a case (one the engine linked to no record, if any) and chooses a registry record it found: the
    /// case links it, shows it and the fields to decide as one process compares the
    /// pair; with those fields decided the case is resolved and the form's clean record is that record's.
    /// </summary>
    /// <param name="channel">a channel whose token has the reviewer and intake roles and the batch's unit</param>
    public static async Task AssertChoosingARecordLinksItAsync(GrpcChannel channel, GeneratedRegistry data, string batchId, CancellationToken cancellationToken)
    {
        var review = new ReviewService.ReviewServiceClient(channel);
        var open = (await review.ListCasesAsync(new ListCasesRequest { BatchId = batchId, PageSize = 100 }, cancellationToken: cancellationToken)).Cases;
        Assert.NotEmpty(open);
        // A case linked to no record if there is one (no match, ambiguous), else one the engine linked to another record.
        var unlinked = open.FirstOrDefault(c => c.RecordId.Length == 0) ?? open[0];
        var form = data.Forms.Single(f => f.FormId == unlinked.FormId);
        // Any record of the registry but the case's: a reviewer found it with SearchRecords.
        var chosen = data.Records.Last(r => data.Single.Index.Get(r.RecordId) is not null && r.RecordId != unlinked.RecordId);

        var linked = (await review.ResolveCaseAsync(new ResolveCaseRequest
        {
            CaseId = unlinked.CaseId, Etag = unlinked.Etag, LinkDecision = LinkDecision.Choose, RecordId = chosen.RecordId,
        }, cancellationToken: cancellationToken)).ReviewCase;
        Assert.Equal((chosen.RecordId, LinkDecision.Choose), (linked.RecordId, linked.LinkDecision));
        Assert.Equal(chosen.ToProto(), linked.Record);
        var flags = data.Single.ExplainPair(form, chosen).Discrepancies.Select(d => d.Field).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(flags, linked.Discrepancies.Select(d => d.Field).Order(StringComparer.Ordinal));

        if (linked.State != CaseState.Resolved)
        {
            var decide = new ResolveCaseRequest { CaseId = linked.CaseId, Etag = linked.Etag };
            decide.Decisions.AddRange(flags.Distinct().Select(f => new FieldDecision { Field = f, Action = DecisionAction.KeepRegistry }));
            linked = (await review.ResolveCaseAsync(decide, cancellationToken: cancellationToken)).ReviewCase;
        }
        Assert.Equal(CaseState.Resolved, linked.State);
        var clean = Assert.Single(await CleanRecordsAsync(channel, batchId, cancellationToken), c => c.FormId == form.FormId);
        Assert.Equal(chosen.RecordId, clean.Record.RecordId);
    }

    private static async Task<List<CleanRecord>> CleanRecordsAsync(GrpcChannel channel, string batchId, CancellationToken cancellationToken)
    {
        var intake = new IntakeService.IntakeServiceClient(channel);
        var all = new List<CleanRecord>();
        var token = "";
        do
        {
            var page = await intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = batchId, PageSize = 500, PageToken = token }, cancellationToken: cancellationToken);
            all.AddRange(page.CleanRecords);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    private static string Describe(IEnumerable<(string Field, string Source)> sources) => string.Join(";", sources.Select(s => $"{s.Field}={s.Source}"));
}
