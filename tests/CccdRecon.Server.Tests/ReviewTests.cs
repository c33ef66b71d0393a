using CccdRecon.Core.Access;
using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using Grpc.Core;

namespace CccdRecon.Server.Tests;

/// <summary>Two reviewers, one case: the etag decides, nobody's work is silently overwritten.</summary>
public sealed class ReviewTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private ServerProcess Server => fixture.Server;

    /// <summary>The reviewer is the token's subject.</summary>
    private ReviewService.ReviewServiceClient Reviewer(string subject) => Server.As(subject, Roles.Reviewer, People.Unit).Review;

    private static ResolveCaseRequest KeepRegistry(ReviewCase c, string etag)
    {
        var request = new ResolveCaseRequest { CaseId = c.CaseId, Etag = etag };
        request.Decisions.AddRange(c.Discrepancies.Select(d => d.Field).Distinct().Select(f => new FieldDecision { Field = f, Action = DecisionAction.KeepRegistry }));
        return request;
    }

    [Fact]
    public async Task Two_reviewers_resolving_the_same_case_at_once_one_wins_the_other_is_aborted()
    {
        var (_, cases) = await Server.ReviewBatchAsync(2000, 6);
        var logged = Server.Output.Length;
        // One connection, each call with its reviewer's token, so both resolves reach the server at the same moment.
        var shared = Server.WithToken(null).Review;
        var tokens = new[] { "can.bo.lan", "can.bo.minh" }.ToDictionary(name => name,
            name => new Metadata { { "Authorization", "Bearer " + Server.Token(name, [Roles.Reviewer], [People.Unit]) } });

        var raced = 0;
        foreach (var summary in cases)
        {
            var seen = (await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = summary.CaseId })).ReviewCase;
            using var go = new ManualResetEventSlim();
            var attempts = new[] { "can.bo.lan", "can.bo.minh" }.Select(reviewer => Task.Run(async () =>
            {
                go.Wait();
                try
                {
                    var won = await shared.ResolveCaseAsync(KeepRegistry(seen, seen.Etag), tokens[reviewer]);
                    return (reviewer, code: StatusCode.OK, state: won.ReviewCase.State);
                }
                catch (RpcException ex)
                {
                    return (reviewer, code: ex.StatusCode, state: CaseState.Unspecified);
                }
            })).ToArray();
            go.Set();
            var outcomes = await Task.WhenAll(attempts);

            var winner = Assert.Single(outcomes, o => o.code == StatusCode.OK);
            // Aborted when both read the case before either wrote; on a busy machine the second may only arrive
            // after the first committed, and then finds the case resolved. Never two winners.
            var loser = Assert.Single(outcomes, o => o.code != StatusCode.OK);
            Assert.Contains(loser.code, new[] { StatusCode.Aborted, StatusCode.FailedPrecondition });
            raced += loser.code == StatusCode.Aborted ? 1 : 0;
            Assert.Equal(CaseState.Resolved, winner.state);
            var final = (await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = summary.CaseId })).ReviewCase;
            Assert.All(final.Decisions, d => Assert.Equal(winner.reviewer, d.Reviewer));
            Assert.Equal(seen.Discrepancies.Select(d => d.Field).Distinct().Count(), final.Decisions.Count);
        }
        Assert.True(raced > 0, "no attempt raced: every loser arrived after the winner had committed");
        // A lost race is an expected conflict: ABORTED to the loser, never an error (or a stack trace) in the log.
        Assert.Empty(ServerLog.Errors(Server.Output[logged..]));
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_and_decisions_accumulate_with_who_and_when()
    {
        var (batchId, cases) = await Server.ReviewBatchAsync(2100, 1);
        var seen = (await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = cases[0].CaseId })).ReviewCase;
        var lan = Reviewer("can.bo.lan");
        var minh = Reviewer("can.bo.minh");
        var claimed = (await lan.ClaimCaseAsync(new ClaimCaseRequest { CaseId = seen.CaseId })).ReviewCase;
        Assert.Equal("can.bo.lan", claimed.ClaimedBy);

        // Someone who read the case before the claim holds a stale etag.
        var stale = await Rpc.FailsWith(StatusCode.Aborted, () => minh.ResolveCaseAsync(KeepRegistry(seen, seen.Etag)).ResponseAsync);
        Assert.Equal("ETAG_MISMATCH", stale.Reason());
        Assert.Equal("CASE_CLAIMED", (await Rpc.FailsWith(StatusCode.FailedPrecondition,
            () => minh.ClaimCaseAsync(new ClaimCaseRequest { CaseId = seen.CaseId }).ResponseAsync)).Reason());

        // The reviewer recorded is the token's subject, whatever the request says.
        var resolve = KeepRegistry(claimed, claimed.Etag);
        resolve.Reviewer = "someone.else";
        var resolved = (await lan.ResolveCaseAsync(resolve)).ReviewCase;
        Assert.Equal(CaseState.Resolved, resolved.State);
        Assert.All(resolved.Decisions, d => Assert.Equal("can.bo.lan", d.Reviewer));
        var clean = await Server.Intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = batchId });
        Assert.Equal((resolved.FormId, resolved.Record.FullName), (Assert.Single(clean.CleanRecords).FormId, clean.CleanRecords[0].Record.FullName));

        // A later decision on the resolved case supersedes the earlier one; both are kept, and the clean record follows.
        var undo = new ResolveCaseRequest { CaseId = resolved.CaseId, Etag = resolved.Etag, Note = "người dân xác nhận tên trên phiếu" };
        undo.Decisions.Add(new FieldDecision { Field = "full_name", Action = DecisionAction.TakeForm });
        var superseded = (await minh.ResolveCaseAsync(undo)).ReviewCase;
        Assert.Equal(CaseState.Resolved, superseded.State);
        Assert.Equal([(DecisionAction.KeepRegistry, true, "can.bo.lan"), (DecisionAction.TakeForm, false, "can.bo.minh")],
            superseded.Decisions.Select(d => (d.Action, d.Superseded, d.Reviewer)));
        clean = await Server.Intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = batchId });
        Assert.Equal(resolved.FormId, Assert.Single(clean.CleanRecords).FormId);
        Assert.NotEqual(resolved.Record.FullName, clean.CleanRecords[0].Record.FullName);
        await Rpc.FailsWith(StatusCode.Aborted, () => lan.ResolveCaseAsync(KeepRegistry(resolved, resolved.Etag)).ResponseAsync);
    }

    [Fact]
    public async Task Decisions_must_name_flagged_fields_and_well_formed_corrections()
    {
        var (_, cases) = await Server.ReviewBatchAsync(2200, 1);
        var c = (await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = cases[0].CaseId })).ReviewCase;
        var request = new ResolveCaseRequest { CaseId = c.CaseId, Etag = c.Etag };
        request.Decisions.Add(new FieldDecision { Field = "hometown", Action = DecisionAction.KeepRegistry });
        request.Decisions.Add(new FieldDecision { Field = "full_name", Action = DecisionAction.Unspecified });
        request.Decisions.Add(new FieldDecision { Field = "full_name", Action = DecisionAction.Correct });

        var status = await Rpc.FailsWith(StatusCode.InvalidArgument, () => Server.Review.ResolveCaseAsync(request).ResponseAsync);

        Assert.Contains("decisions[0].field", status.ViolatedFields());
        Assert.Contains("decisions[1].action", status.ViolatedFields());
        Assert.Contains("decisions[2].field", status.ViolatedFields());
        Assert.Contains("decisions[2].corrected_value", status.ViolatedFields());
        // Nothing was recorded.
        Assert.Empty((await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = c.CaseId })).ReviewCase.Decisions);
    }
}
