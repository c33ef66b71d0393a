using CccdRecon.Contracts.V1;
using CccdRecon.Core.Access;
using CccdRecon.Core.Dates;
using CccdRecon.Server.Tests.Infrastructure;
using Grpc.Core;

namespace CccdRecon.Server.Tests;

/// <summary>
/// The review decisions over gRPC, on the real server: cases of every kind, link decisions that a re-run of the batch
/// never undoes, registry search for a case, claims that can be released and reassigned, bulk decisions with a preview
/// and an undo, and the AIP-193 errors of each.
/// </summary>
public sealed class ReviewDecisionApiTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private ServerProcess Server => fixture.Server;

    private ReviewService.ReviewServiceClient Reviewer(string subject, string unit = People.Unit) => Server.As(subject, Roles.Reviewer, unit).Review;

    /// <summary>
    /// A finished batch with a case of each kind: a dropped middle name (differences), two namesakes born the same day and a
    /// form with neither ID nor parents (ambiguous), a stranger (no match); and, when asked, a lunar-calendar date.
    /// </summary>
    private async Task<(string BatchId, List<ReviewCase> Cases, RegistryRecord A, RegistryRecord B)> KindsBatchAsync(int n, bool lunar = false)
    {
        var hoa = People.Record(n);
        var date = $"1975-02-{10 + n / 100 % 15:D2}";
        var quyA = new RegistryRecord { RecordId = $"RQ{n}A", PersonalId = People.PersonalId(n + 1, date, "male"), FullName = "Trần Văn Quý", DateOfBirth = date, Gender = "male", BirthPlace = "Nam Định" };
        var quyB = quyA.Clone();
        quyB.RecordId = $"RQ{n}B";
        quyB.PersonalId = People.PersonalId(n + 2, date, "male");
        var lan = People.Record(n + 3, "Lê Thị Lan", "1990-11-02", "female");
        await Server.ImportAsync([hoa, quyA, quyB, lan]);
        var batch = (await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, DisplayName = $"kinds {n}" })).Batch;
        var forms = new List<SurveyForm>
        {
            People.FormFor(hoa, $"K{n}-HOA").WithoutMiddleName(),
            new() { FormId = $"K{n}-QUY", FullName = "TRAN VAN QUY", DateOfBirth = DateTime.Parse(date).ToString("dd/MM/yyyy"), Gender = "Nam", BirthPlace = "Nam Định" },
            People.Stranger($"K{n}-STRANGER"),
        };
        if (lunar)
        {
            var form = People.FormFor(lan, $"K{n}-LAN");
            var moon = VietnameseLunarCalendar.ToLunar(new DateOnly(1990, 11, 2));
            form.DateOfBirth = $"{moon.Day:D2}/{moon.Month:D2}/{moon.Year}";
            forms.Add(form);
        }
        await Server.AddFormsAsync(batch.BatchId, forms);
        await Server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
        await Server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(2));
        var cases = (await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, PageSize = 100 })).Cases.ToList();
        return (batch.BatchId, cases, quyA, quyB);
    }

    private static ReviewCase Form(IEnumerable<ReviewCase> cases, string formId) => Assert.Single(cases, c => c.FormId == formId);

    [Fact]
    public async Task Every_result_that_needs_a_person_is_a_case_with_its_kind_and_candidates()
    {
        var (batchId, cases, a, b) = await KindsBatchAsync(3000);
        Assert.Equal(3, cases.Count);
        Assert.Equal(CaseKind.Differences, Form(cases, "K3000-HOA").Kind);
        Assert.Equal(CaseKind.Ambiguous, Form(cases, "K3000-QUY").Kind);
        Assert.Equal(CaseKind.NoMatch, Form(cases, "K3000-STRANGER").Kind);
        Assert.All(cases, c => Assert.Equal(People.Unit, c.Unit));
        Assert.Equal("", Form(cases, "K3000-QUY").RecordId);

        var ambiguous = (await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = Form(cases, "K3000-QUY").CaseId })).ReviewCase;
        Assert.Equal([a.RecordId, b.RecordId], ambiguous.Candidates.Select(c => c.Record.RecordId).Where(id => id.StartsWith("RQ3000")).Order());
        Assert.All(ambiguous.Candidates, c => Assert.Contains(c.Explanation.Fields, f => f.Field == "date_of_birth" && f.Weight > 0));

        // Filters and Vietnamese name order: Hoà (given name H) before Hương, Quý.
        var differences = await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batchId, CaseKind = CaseKind.Differences });
        Assert.Equal(["K3000-HOA"], differences.Cases.Select(c => c.FormId));
        var byName = await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batchId, OrderBy = "full_name" });
        Assert.Equal(["K3000-HOA", "K3000-STRANGER", "K3000-QUY"], byName.Cases.Select(c => c.FormId));
        Assert.Equal(["order_by"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Review.ListCasesAsync(new ListCasesRequest { OrderBy = "name desc" }).ResponseAsync)).ViolatedFields());
        Assert.Equal(["case_kind"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Review.ListCasesAsync(new ListCasesRequest { CaseKind = (CaseKind)42 }).ResponseAsync)).ViolatedFields());
    }

    [Fact]
    public async Task Rejected_and_chosen_links_are_kept_audited_and_survive_a_rerun_of_the_batch()
    {
        var (batchId, cases, _, b) = await KindsBatchAsync(3100);
        var lan = Reviewer("can.bo.lan");
        var hoa = Form(cases, "K3100-HOA");
        var rejected = (await lan.ResolveCaseAsync(new ResolveCaseRequest { CaseId = hoa.CaseId, Etag = hoa.Etag, LinkDecision = LinkDecision.Reject, Note = "không phải" })).ReviewCase;
        Assert.Equal((CaseState.Resolved, LinkDecision.Reject, ""), (rejected.State, rejected.LinkDecision, rejected.RecordId));
        Assert.Equal("can.bo.lan", Assert.Single(rejected.LinkDecisions).Reviewer);

        var quy = Form(cases, "K3100-QUY");
        var chosen = (await lan.ResolveCaseAsync(new ResolveCaseRequest { CaseId = quy.CaseId, Etag = quy.Etag, LinkDecision = LinkDecision.Choose, RecordId = b.RecordId })).ReviewCase;
        Assert.Equal((b.RecordId, LinkDecision.Choose, CaseState.Resolved), (chosen.RecordId, chosen.LinkDecision, chosen.State));

        var rerun = (await Server.Batches.RerunBatchAsync(new RerunBatchRequest { BatchId = batchId })).Batch;
        Assert.Equal(BatchState.Running, rerun.State);
        var done = (await Server.WatchToEndAsync(batchId, TimeSpan.FromMinutes(2)))[^1];
        Assert.Equal(BatchState.Succeeded, done.State);
        var after = (await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batchId })).Cases;
        var hoaAfter = Form(after, "K3100-HOA");
        var quyAfter = Form(after, "K3100-QUY");
        Assert.Equal((hoa.CaseId, LinkDecision.Reject, ""), (hoaAfter.CaseId, hoaAfter.LinkDecision, hoaAfter.RecordId));
        Assert.Equal((quy.CaseId, LinkDecision.Choose, b.RecordId), (quyAfter.CaseId, quyAfter.LinkDecision, quyAfter.RecordId));
        // The stranger nobody decided was matched again: a new case of the same kind.
        Assert.Equal(CaseKind.NoMatch, Form(after, "K3100-STRANGER").Kind);

        var clean = (await Server.Intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = batchId })).CleanRecords;
        Assert.DoesNotContain(clean, c => c.FormId == "K3100-HOA");
        Assert.Equal(b.RecordId, Assert.Single(clean, c => c.FormId == "K3100-QUY").Record.RecordId);
        var audit = await Server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "can.bo.lan", Action = "review.resolve_case", PageSize = 100 });
        Assert.Contains(audit.Events, e => e.TargetIds.Contains($"case:{hoa.CaseId}"));
        Assert.Contains(audit.Events, e => e.TargetIds.Contains($"record:{b.RecordId}"));
        Assert.Single((await Server.Audit.ListEventsAsync(new ListEventsRequest { Action = "batch.rerun_batch", PageSize = 100 })).Events, e => e.TargetIds.Contains($"batch:{batchId}"));
        // A batch still running or open cannot be re-run.
        var open = (await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        Assert.Equal("BATCH_NOT_FINISHED", (await Rpc.FailsWith(StatusCode.FailedPrecondition,
            () => Server.Batches.RerunBatchAsync(new RerunBatchRequest { BatchId = open.BatchId }).ResponseAsync)).Reason());
    }

    [Fact]
    public async Task A_link_decision_is_checked_before_anything_is_written()
    {
        var (_, cases, _, _) = await KindsBatchAsync(3200);
        var hoa = Form(cases, "K3200-HOA");
        var request = new ResolveCaseRequest { CaseId = hoa.CaseId, Etag = hoa.Etag, LinkDecision = (LinkDecision)9 };
        Assert.Contains("link_decision", (await Rpc.FailsWith(StatusCode.InvalidArgument, () => Server.Review.ResolveCaseAsync(request).ResponseAsync)).ViolatedFields());
        request.LinkDecision = LinkDecision.Choose;
        Assert.Contains("record_id", (await Rpc.FailsWith(StatusCode.InvalidArgument, () => Server.Review.ResolveCaseAsync(request).ResponseAsync)).ViolatedFields());
        request.RecordId = "R-NOBODY";
        Assert.Equal("RECORD_NOT_FOUND", (await Rpc.FailsWith(StatusCode.NotFound, () => Server.Review.ResolveCaseAsync(request).ResponseAsync)).Reason());
        var reject = new ResolveCaseRequest { CaseId = hoa.CaseId, Etag = hoa.Etag, LinkDecision = LinkDecision.Reject };
        reject.Decisions.Add(new FieldDecision { Field = "full_name", Action = DecisionAction.KeepRegistry });
        Assert.Contains("decisions", (await Rpc.FailsWith(StatusCode.InvalidArgument, () => Server.Review.ResolveCaseAsync(reject).ResponseAsync)).ViolatedFields());
        // A case without a link takes no field decision until a record is chosen.
        var stranger = Form(cases, "K3200-STRANGER");
        var blind = new ResolveCaseRequest { CaseId = stranger.CaseId, Etag = stranger.Etag };
        blind.Decisions.Add(new FieldDecision { Field = "full_name", Action = DecisionAction.KeepRegistry });
        Assert.Contains("link_decision", (await Rpc.FailsWith(StatusCode.InvalidArgument, () => Server.Review.ResolveCaseAsync(blind).ResponseAsync)).ViolatedFields());
        var unchanged = (await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = hoa.CaseId })).ReviewCase;
        Assert.Equal((hoa.Etag, 0), (unchanged.Etag, unchanged.LinkDecisions.Count));
    }

    [Fact]
    public async Task A_reviewer_finds_the_person_of_a_case_it_may_see()
    {
        var (_, cases, a, _) = await KindsBatchAsync(3300);
        var stranger = Form(cases, "K3300-STRANGER");
        var lan = Server.As("can.bo.lan", Roles.Reviewer, People.Unit).Registry;
        Assert.Equal(["case_id"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => lan.SearchRecordsAsync(new SearchRecordsRequest { FullName = "tran van quy" }).ResponseAsync)).ViolatedFields());
        var other = Server.As("can.bo.khac", Roles.Reviewer, People.OtherUnit).Registry;
        await Rpc.FailsWith(StatusCode.NotFound, () => other.SearchRecordsAsync(new SearchRecordsRequest { FullName = "tran van quy", CaseId = stranger.CaseId }).ResponseAsync);

        var found = await lan.SearchRecordsAsync(new SearchRecordsRequest { FullName = "TRAN VAN QUY", DateOfBirth = a.DateOfBirth, PersonalId = a.PersonalId[..6] + " " + a.PersonalId[6..], CaseId = stranger.CaseId });
        Assert.Equal(a.RecordId, Assert.Single(found.Records).RecordId);
        var paged = await lan.SearchRecordsAsync(new SearchRecordsRequest { FullName = "Trần Văn Quý", DateOfBirth = a.DateOfBirth, CaseId = stranger.CaseId, PageSize = 1 });
        Assert.Single(paged.Records);
        Assert.NotEmpty(paged.NextPageToken);
        var second = await lan.SearchRecordsAsync(new SearchRecordsRequest { FullName = "Trần Văn Quý", DateOfBirth = a.DateOfBirth, CaseId = stranger.CaseId, PageSize = 1, PageToken = paged.NextPageToken });
        Assert.NotEqual(paged.Records[0].RecordId, Assert.Single(second.Records).RecordId);
        Assert.Equal(["date_of_birth"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => lan.SearchRecordsAsync(new SearchRecordsRequest { DateOfBirth = "31/02/1975", CaseId = stranger.CaseId }).ResponseAsync)).ViolatedFields());

        // The registry feed searches without a case; every search is audited with what it showed.
        var feed = Server.As("registry.feed", Roles.Registry).Registry;
        Assert.NotEmpty((await feed.SearchRecordsAsync(new SearchRecordsRequest { PersonalId = a.PersonalId })).Records);
        var events = await Server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "can.bo.lan", Action = "registry.search_records", PageSize = 100 });
        Assert.Contains(events.Events, e => e.TargetIds.SequenceEqual([$"case:{stranger.CaseId}", $"record:{a.RecordId}"]));
    }

    [Fact]
    public async Task Claims_are_released_by_their_holder_and_reassigned_by_an_administrator()
    {
        var (_, cases, _, _) = await KindsBatchAsync(3400);
        var id = Form(cases, "K3400-HOA").CaseId;
        var lan = Reviewer("can.bo.lan");
        var minh = Reviewer("can.bo.minh");
        var claimed = (await lan.ClaimCaseAsync(new ClaimCaseRequest { CaseId = id })).ReviewCase;
        Assert.Equal(CaseState.Claimed, claimed.State);
        Assert.Equal(TimeSpan.FromMinutes(15), claimed.ClaimExpireTime.ToDateTimeOffset() - claimed.ClaimTime.ToDateTimeOffset());
        Assert.Equal("CASE_CLAIMED", (await Rpc.FailsWith(StatusCode.FailedPrecondition, () => minh.ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = id }).ResponseAsync)).Reason());
        var released = (await lan.ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = id })).ReviewCase;
        Assert.Equal((CaseState.Open, ""), (released.State, released.ClaimedBy));
        Assert.Equal("CASE_NOT_CLAIMED", (await Rpc.FailsWith(StatusCode.FailedPrecondition, () => lan.ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = id }).ResponseAsync)).Reason());

        Assert.Equal("ROLE_REQUIRED", (await Rpc.FailsWith(StatusCode.PermissionDenied,
            () => lan.ReassignCaseAsync(new ReassignCaseRequest { CaseId = id, Reviewer = "can.bo.lan" }).ResponseAsync)).Reason());
        var reassigned = (await Server.Review.ReassignCaseAsync(new ReassignCaseRequest { CaseId = id, Reviewer = "can.bo.minh" })).ReviewCase;
        Assert.Equal((CaseState.Claimed, "can.bo.minh"), (reassigned.State, reassigned.ClaimedBy));
        Assert.Equal(["reviewer"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Review.ReassignCaseAsync(new ReassignCaseRequest { CaseId = id }).ResponseAsync)).ViolatedFields());
        var trail = await Server.Audit.ListEventsAsync(new ListEventsRequest { Action = "review.reassign_case", PageSize = 100 });
        Assert.Contains(trail.Events, e => e.TargetIds.Contains($"case:{id}") && e.TargetIds.Contains("reviewer:can.bo.minh"));
    }

    [Fact]
    public async Task A_bulk_decision_previews_applies_and_is_superseded_by_a_later_one()
    {
        var (batchId, _, _, _) = await KindsBatchAsync(3500, lunar: true);
        var lan = Reviewer("can.bo.lan");
        var request = new BulkResolveCasesRequest
        {
            BatchId = batchId, Field = "date_of_birth", Kind = "lunar_date", Action = DecisionAction.KeepRegistry, ValidateOnly = true, Note = "âm lịch",
        };
        var preview = await lan.BulkResolveCasesAsync(request);
        Assert.Equal(("", 1L, 1L), (preview.BulkId, preview.MatchedCount, preview.ResolvedCount));
        var caseId = Assert.Single(preview.CaseIds);
        Assert.Empty((await lan.GetCaseAsync(new GetCaseRequest { CaseId = caseId })).ReviewCase.Decisions);

        request.ValidateOnly = false;
        var applied = await lan.BulkResolveCasesAsync(request);
        Assert.NotEmpty(applied.BulkId);
        var decided = (await lan.GetCaseAsync(new GetCaseRequest { CaseId = caseId })).ReviewCase;
        Assert.Equal((CaseState.Resolved, applied.BulkId, "can.bo.lan"), (decided.State, Assert.Single(decided.Decisions).BulkId, decided.Decisions[0].Reviewer));

        var undo = await lan.BulkResolveCasesAsync(new BulkResolveCasesRequest { SupersedesBulkId = applied.BulkId, Action = DecisionAction.TakeForm });
        Assert.Equal(1, undo.MatchedCount);
        var after = (await lan.GetCaseAsync(new GetCaseRequest { CaseId = caseId })).ReviewCase;
        Assert.Equal([(DecisionAction.KeepRegistry, true), (DecisionAction.TakeForm, false)], after.Decisions.Select(d => (d.Action, d.Superseded)));

        Assert.Contains("action", (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => lan.BulkResolveCasesAsync(new BulkResolveCasesRequest { BatchId = batchId, Field = "date_of_birth", Kind = "lunar_date", Action = DecisionAction.Correct }).ResponseAsync)).ViolatedFields());
        Assert.Equal(["supersedes_bulk_id"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => lan.BulkResolveCasesAsync(new BulkResolveCasesRequest { SupersedesBulkId = "abc", Action = DecisionAction.TakeForm }).ResponseAsync)).ViolatedFields());
        await Rpc.FailsWith(StatusCode.NotFound, () => Reviewer("can.bo.khac", People.OtherUnit).BulkResolveCasesAsync(
            new BulkResolveCasesRequest { SupersedesBulkId = applied.BulkId, Action = DecisionAction.KeepRegistry }).ResponseAsync);
        var pages = await Server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "can.bo.lan", Action = "review.bulk_resolve_cases", PageSize = 100 });
        Assert.Contains(pages.Events, e => e.TargetIds.Contains($"bulk:{applied.BulkId}") && e.TargetIds.Contains($"case:{caseId}"));
    }
}
