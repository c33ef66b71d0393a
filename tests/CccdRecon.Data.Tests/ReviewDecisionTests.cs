using CccdRecon.Core.Matching;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Intake;
using CccdRecon.Data.Paging;
using CccdRecon.Data.Registry;
using CccdRecon.Data.Review;
using static CccdRecon.Data.Tests.ReviewScenario;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The decisions the review console and the gRPC API share, on the stores: cases of every kind, link decisions that hold
/// across a re-run, claims that lapse, bulk decisions with a preview and an undo, append-only history, counts that match.
/// </summary>
public sealed class ReviewDecisionTests
{
    private static readonly Access.Caller Lan = StoreHost.Reviewer("can.bo.lan", Unit);
    private static readonly Access.Caller Minh = StoreHost.Reviewer("can.bo.minh", Unit);

    private static async Task<(StoreHost Host, string BatchId, List<ReviewCase> Cases)> StartAsync()
    {
        var host = await StoreHost.StartAsync();
        await ImportAsync(host, [Hoa(1), Hoa(2), Lan(1), Lan(2), QuyA, QuyB]);
        var batchId = await RunBatchAsync(host, [
            DroppedMiddleName(Hoa(1), "F-HOA-1"), DroppedMiddleName(Hoa(2), "F-HOA-2"), LunarDate(Lan(1), "F-LAN-1"), LunarDate(Lan(2), "F-LAN-2"),
            Quy("F-QUY"), Stranger("F-STRANGER"),
        ]);
        return (host, batchId, await AllAsync(host, Query(batchId), Lan));
    }

    private static ReviewStore Review(StoreHost host) => host.Get<ReviewStore>();

    private static async Task<List<IntakeRecord>> CleanAsync(StoreHost host, string batchId)
        => (await host.Get<IntakeStore>().ListAsync(batchId, new PageRequest(0, null), StoreHost.Admin, default)).Items.ToList();

    [Fact]
    public async Task Every_result_that_needs_a_person_is_a_case_of_its_kind()
    {
        var (host, batchId, cases) = await StartAsync();
        await using var _ = host;
        Assert.Equal(6, cases.Count);
        Assert.Equal(CaseKind.Differences, Single(cases, "F-HOA-1").Kind);
        Assert.Equal(DiscrepancyKind.MissingMiddleName, Assert.Single(Single(cases, "F-HOA-1").Discrepancies).Kind);
        Assert.Equal(DiscrepancyKind.LunarDate, Assert.Single(Single(cases, "F-LAN-1").Discrepancies).Kind);
        var quy = Single(cases, "F-QUY");
        Assert.Equal((CaseKind.Ambiguous, null), (quy.Kind, quy.RecordId));
        Assert.Equal((CaseKind.NoMatch, null), (Single(cases, "F-STRANGER").Kind, Single(cases, "F-STRANGER").RecordId));
        Assert.All(cases, c => Assert.Equal((Unit, ReviewCaseState.Open), (c.Unit, c.State)));

        // The ambiguous case lists both namesakes, each compared in full with the form.
        var detail = await Review(host).GetAsync(quy.Id.ToString(), Lan, default);
        Assert.Equal(["R-QUY-A", "R-QUY-B"], detail.Candidates.Select(c => c.Record.RecordId).Order());
        Assert.All(detail.Candidates, c => Assert.Contains(c.Pair.Explanation.Fields, f => f.Field == PersonFields.DateOfBirth && f.Weight > 0));

        // Lists are in Vietnamese name order (given name first): Hoà, Hoà, Hương, Lan, Lan, Quý.
        var byName = await AllAsync(host, Query(batchId) with { Order = CaseOrder.Name }, Lan);
        Assert.Equal(["Nguyễn Hoà", "Nguyễn Hoà", "Hồ Thị Xuân Hương", "Lê Thị Lan", "Lê Thị Lan", "TRAN VAN QUY"], byName.Select(c => c.FullName));
        await AssertCountsMatchAsync(host, Lan, Query());
        // Another unit's reviewer sees nothing, counts included.
        var other = StoreHost.Reviewer("can.bo.khac", OtherUnit);
        Assert.Empty(await AllAsync(host, Query(), other));
        Assert.Equal(0, (await Review(host).CountAsync(Query(), other, default)).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => Review(host).GetAsync(quy.Id.ToString(), other, default));
    }

    [Fact]
    public async Task A_rejected_link_has_no_clean_record_goes_to_not_found_and_holds_across_a_rerun()
    {
        var (host, batchId, cases) = await StartAsync();
        await using var _ = host;
        var hoa = Single(cases, "F-HOA-1");
        var rejected = await Review(host).ResolveAsync(new CaseResolution(hoa.Id.ToString(), hoa.Etag, [], "không phải người này", LinkDecisionKind.Reject), Lan, default);
        Assert.Equal((ReviewCaseState.Resolved, LinkDecisionKind.Reject, null), (rejected.Case.State, rejected.Case.Link, rejected.Case.RecordId));
        Assert.True(rejected.Case.IsRejected);
        var decision = Assert.Single(rejected.Case.LinkDecisions);
        Assert.Equal(("can.bo.lan", LinkDecisionKind.Reject), (decision.Reviewer, decision.Action));
        Assert.DoesNotContain(await CleanAsync(host, batchId), c => c.FormId == "F-HOA-1");

        // Field decisions need a link; the audit trail has the rejection.
        await Assert.ThrowsAsync<InvalidInputException>(() => Review(host).ResolveAsync(
            new CaseResolution(hoa.Id.ToString(), rejected.Case.Etag, [new DecisionRequest(PersonFields.FullName, DecisionKind.KeepRegistry, null)], null), Lan, default));

        // A re-run matches the undecided forms again, but never re-links the rejected one.
        var rerun = await host.Get<BatchStore>().RerunAsync(batchId, StoreHost.Admin, default);
        Assert.Equal(BatchRunState.Running, rerun.State);
        await ProcessAsync(host, batchId);
        var after = await AllAsync(host, Query(batchId), Lan);
        Assert.Equal(6, after.Count);
        var again = Single(after, "F-HOA-1");
        Assert.Equal((hoa.Id, ReviewCaseState.Resolved, LinkDecisionKind.Reject, null), (again.Id, again.State, again.Link, again.RecordId));
        Assert.DoesNotContain(await CleanAsync(host, batchId), c => c.FormId == "F-HOA-1");
        Assert.Equal(BatchRunState.Succeeded, (await host.Get<BatchStore>().GetAsync(batchId, default)).State);
        await AssertCountsMatchAsync(host, Lan, Query());
        var trail = await host.Get<AuditTrail>().ListAsync(new AuditQuery(null, AuditActions.RerunBatch, null, null, new PageRequest(0, null)), default);
        Assert.Single(trail.Items);
    }

    [Fact]
    public async Task A_rerun_reads_past_forms_that_keep_their_result_to_the_next_ones_to_match()
    {
        var (host, batchId, cases) = await StartAsync();
        await using var _ = host;
        // The batch's first two forms are decided by a person: a re-run keeps their results.
        foreach (var formId in new[] { "F-HOA-1", "F-HOA-2" })
        {
            var kept = Single(cases, formId);
            await Review(host).ResolveAsync(new CaseResolution(kept.Id.ToString(), kept.Etag, [], null, LinkDecisionKind.Reject), Lan, default);
        }
        var store = host.Get<BatchStore>();
        await store.RerunAsync(batchId, StoreHost.Admin, default);

        // A chunk of two from the start: the next two forms without a result, not an empty chunk (the end of the batch).
        var first = await store.PendingFormsAsync(batchId, 0, 2, default);
        Assert.Equal(["F-LAN-1", "F-LAN-2"], first.Select(f => f.Form.FormId));
        // A chunk that begins among the kept forms holds only forms to match, in order.
        var some = await store.PendingFormsAsync(batchId, 0, 3, default);
        Assert.Equal(["F-LAN-1"], some.Select(f => f.Form.FormId));
        var rest = await store.PendingFormsAsync(batchId, some[^1].Position, 10, default);
        Assert.Equal(["F-LAN-2", "F-QUY", "F-STRANGER"], rest.Select(f => f.Form.FormId));
        Assert.Empty(await store.PendingFormsAsync(batchId, rest[^1].Position, 10, default));
    }

    [Fact]
    public async Task Choosing_a_candidate_links_it_flags_its_differences_and_holds_across_a_rerun()
    {
        var (host, batchId, cases) = await StartAsync();
        await using var _ = host;
        var quy = Single(cases, "F-QUY");
        // The form's name was keyed without diacritics: a cosmetic difference, so choosing B resolves the case at once.
        var chosen = await Review(host).ResolveAsync(new CaseResolution(quy.Id.ToString(), quy.Etag, [], null, LinkDecisionKind.Choose, "R-QUY-B"), Lan, default);
        Assert.Equal(("R-QUY-B", LinkDecisionKind.Choose, ReviewCaseState.Resolved), (chosen.Case.RecordId, chosen.Case.Link, chosen.Case.State));
        Assert.Equal("R-QUY-B", chosen.Record!.RecordId);
        Assert.Equal("R-QUY-B", Assert.Single(await CleanAsync(host, batchId), c => c.FormId == "F-QUY").Record.RecordId);
        // The explanation is now the form compared with the chosen record.
        Assert.Contains("R-QUY-B", chosen.Explanation.Decision);

        await host.Get<BatchStore>().RerunAsync(batchId, StoreHost.Admin, default);
        await ProcessAsync(host, batchId);
        var again = Single(await AllAsync(host, Query(batchId), Lan), "F-QUY");
        Assert.Equal(("R-QUY-B", LinkDecisionKind.Choose, ReviewCaseState.Resolved), (again.RecordId, again.Link, again.State));
        Assert.Equal("R-QUY-B", Assert.Single(await CleanAsync(host, batchId), c => c.FormId == "F-QUY").Record.RecordId);
    }

    [Fact]
    public async Task A_record_found_by_search_can_be_chosen_for_an_unmatched_form_and_its_differences_decided()
    {
        var (host, batchId, cases) = await StartAsync();
        await using var _ = host;
        var stranger = Single(cases, "F-STRANGER");
        // The reviewer finds her under a registry entry the engine could not link (another date, another number).
        await ImportAsync(host, [new RegistryRecord { RecordId = "R-HUONG", FullName = "Hồ Thị Xuân Hương", DateOfBirth = "1999-09-12", Gender = "female", PersonalId = "079199777666" }]);
        var search = host.Get<RegistryStore>();
        await Assert.ThrowsAsync<InvalidInputException>(() => search.SearchAsync(new RecordSearchRequest(new RecordQuery("ho thi xuan huong", null, null), null, new PageRequest(0, null)), Lan, default));
        await Assert.ThrowsAsync<NotFoundException>(() => search.SearchAsync(new RecordSearchRequest(new RecordQuery("ho thi xuan huong", null, null), stranger.Id.ToString(), new PageRequest(0, null)),
            StoreHost.Reviewer("can.bo.khac", OtherUnit), default));
        var found = await search.SearchAsync(new RecordSearchRequest(new RecordQuery("HO THI XUAN HUONG", "1999", null), stranger.Id.ToString(), new PageRequest(0, null)), Lan, default);
        Assert.Equal("R-HUONG", Assert.Single(found.Items).RecordId);

        var linked = await Review(host).ResolveAsync(new CaseResolution(stranger.Id.ToString(), stranger.Etag, [], null, LinkDecisionKind.Choose, "R-HUONG"), Lan, default);
        Assert.Equal(ReviewCaseState.Open, linked.Case.State);
        Assert.Equal([PersonFields.DateOfBirth, PersonFields.PersonalId], linked.Case.Discrepancies.Select(d => d.Field).Order());
        // Decisions name the new link's flags; the form's date was a typo, its number the registry's is right.
        var resolved = await Review(host).ResolveAsync(new CaseResolution(stranger.Id.ToString(), linked.Case.Etag, [
            new DecisionRequest(PersonFields.DateOfBirth, DecisionKind.KeepRegistry, null),
            new DecisionRequest(PersonFields.PersonalId, DecisionKind.Correct, "079199777666"),
        ], null), Lan, default);
        Assert.Equal(ReviewCaseState.Resolved, resolved.Case.State);
        var clean = Assert.Single(await CleanAsync(host, batchId), c => c.FormId == "F-STRANGER");
        Assert.Equal(("R-HUONG", "1999-09-12"), (clean.Record.RecordId, clean.Record.DateOfBirth));

        var trail = await host.Get<AuditTrail>().ListAsync(new AuditQuery("can.bo.lan", AuditActions.SearchRecords, null, null, new PageRequest(0, null)), default);
        Assert.Equal([AuditTarget.Case(stranger.Id), AuditTarget.Record("R-HUONG")], Assert.Single(trail.Items).Targets);
    }

    [Fact]
    public async Task A_later_decision_supersedes_an_earlier_one_and_history_is_append_only()
    {
        var (host, batchId, cases) = await StartAsync();
        await using var _ = host;
        var hoa = Single(cases, "F-HOA-1");
        var first = await Review(host).ResolveAsync(new CaseResolution(hoa.Id.ToString(), hoa.Etag,
            [new DecisionRequest(PersonFields.FullName, DecisionKind.KeepRegistry, null)], null), Lan, default);
        Assert.Equal("Nguyễn Văn Hoà", Assert.Single(await CleanAsync(host, batchId), c => c.FormId == "F-HOA-1").Record.FullName);

        var second = await Review(host).ResolveAsync(new CaseResolution(hoa.Id.ToString(), first.Case.Etag,
            [new DecisionRequest(PersonFields.FullName, DecisionKind.TakeForm, null)], "người dân xác nhận"), Minh, default);
        Assert.Equal(ReviewCaseState.Resolved, second.Case.State);
        Assert.Equal([(DecisionKind.KeepRegistry, true, "can.bo.lan"), (DecisionKind.TakeForm, false, "can.bo.minh")],
            second.Case.Decisions.Select(d => (d.Action, d.Superseded, d.Reviewer)));
        var clean = Assert.Single(await CleanAsync(host, batchId), c => c.FormId == "F-HOA-1");
        Assert.Equal(("Nguyễn Hoà", ValueSource.Form), (clean.Record.FullName, clean.Sources.Single(s => s.Field == PersonFields.FullName).Source));
        // A stale etag never overwrites.
        await Assert.ThrowsAsync<ConflictException>(() => Review(host).ResolveAsync(new CaseResolution(hoa.Id.ToString(), first.Case.Etag,
            [new DecisionRequest(PersonFields.FullName, DecisionKind.KeepRegistry, null)], null), Lan, default));
        await AssertCountsMatchAsync(host, Lan, Query());
    }

    [Fact]
    public async Task Claims_lapse_after_the_timeout_can_be_released_and_an_admin_reassigns()
    {
        var (host, _, cases) = await StartAsync();
        await using var __ = host;
        var id = Single(cases, "F-HOA-1").Id.ToString();
        var claimed = await Review(host).ClaimAsync(id, Lan, default);
        Assert.Equal((ReviewCaseState.Claimed, "can.bo.lan"), (claimed.Case.State, claimed.Case.ClaimedBy));
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(15), claimed.Case.ClaimExpiresAt);
        Assert.Equal("CASE_CLAIMED", (await Assert.ThrowsAsync<PreconditionFailedException>(() => Review(host).ClaimAsync(id, Minh, default))).Reason);
        Assert.Equal("CASE_CLAIMED", (await Assert.ThrowsAsync<PreconditionFailedException>(() => Review(host).ReleaseAsync(id, Minh, default))).Reason);
        var counts = await Review(host).CountAsync(Query(), Lan, default);
        Assert.Equal(1, counts.ByState[ReviewCaseState.Claimed]);

        // Fifteen minutes without a decision: the claim lapses and anyone may take the case.
        host.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(ReviewCaseState.Open, (await Review(host).GetAsync(id, Lan, default)).Case.State);
        var taken = await Review(host).ClaimAsync(id, Minh, default);
        Assert.Equal("can.bo.minh", taken.Case.ClaimedBy);
        var released = await Review(host).ReleaseAsync(id, Minh, default);
        Assert.Equal((ReviewCaseState.Open, null), (released.Case.State, released.Case.ClaimedBy));
        Assert.Equal("CASE_NOT_CLAIMED", (await Assert.ThrowsAsync<PreconditionFailedException>(() => Review(host).ReleaseAsync(id, Minh, default))).Reason);

        await Assert.ThrowsAsync<ForbiddenException>(() => Review(host).ReassignAsync(id, "can.bo.lan", Minh, default));
        var reassigned = await Review(host).ReassignAsync(id, "can.bo.lan", StoreHost.Admin, default);
        Assert.Equal((ReviewCaseState.Claimed, "can.bo.lan"), (reassigned.Case.State, reassigned.Case.ClaimedBy));
        var trail = await host.Get<AuditTrail>().ListAsync(new AuditQuery(StoreHost.Admin.Subject, AuditActions.ReassignCase, null, null, new PageRequest(0, null)), default);
        Assert.Contains(AuditTarget.Reviewer("can.bo.lan"), Assert.Single(trail.Items).Targets);
    }

    [Fact]
    public async Task A_bulk_decision_is_previewed_applied_to_undecided_fields_and_undone_by_a_later_one()
    {
        var (host, batchId, cases) = await StartAsync();
        await using var _ = host;
        var lan2 = Single(cases, "F-LAN-2");
        // Minh holds one of the two lunar-date cases: the bulk decision leaves it to him.
        await Review(host).ClaimAsync(lan2.Id.ToString(), Minh, default);
        var request = new BulkRequest(Unit, null, PersonFields.DateOfBirth, DiscrepancyKind.LunarDate, DecisionKind.KeepRegistry, "âm lịch", null, ValidateOnly: true);
        var preview = await Review(host).BulkResolveAsync(request, Lan, default);
        Assert.Equal((null, 1L, 1L, 1L), (preview.BulkId, preview.Matched, preview.Resolved, preview.Skipped));
        Assert.Equal([Single(cases, "F-LAN-1").Id], preview.CaseIds);
        Assert.Empty((await Review(host).GetAsync(Single(cases, "F-LAN-1").Id.ToString(), Lan, default)).Case.Decisions);

        var applied = await Review(host).BulkResolveAsync(request with { ValidateOnly = false }, Lan, default);
        Assert.NotNull(applied.BulkId);
        Assert.Equal((1L, 1L, 1L), (applied.Matched, applied.Resolved, applied.Skipped));
        var lan1 = (await Review(host).GetAsync(Single(cases, "F-LAN-1").Id.ToString(), Lan, default)).Case;
        Assert.Equal((ReviewCaseState.Resolved, applied.BulkId), (lan1.State, Assert.Single(lan1.Decisions).BulkId));
        Assert.Equal("1990-11-02", Assert.Single(await CleanAsync(host, batchId), c => c.FormId == "F-LAN-1").Record.DateOfBirth);
        // Nothing else is left to decide of that kind for Lan.
        Assert.Equal(0, (await Review(host).BulkResolveAsync(request, Lan, default)).Matched);

        // Undo: a later bulk decision supersedes exactly the fields that one decided.
        var undo = await Review(host).BulkResolveAsync(new BulkRequest(null, null, null, null, DecisionKind.TakeForm, "hoàn tác", applied.BulkId, false), Lan, default);
        Assert.Equal(1, undo.Matched);
        lan1 = (await Review(host).GetAsync(lan1.Id.ToString(), Lan, default)).Case;
        Assert.Equal([(DecisionKind.KeepRegistry, true), (DecisionKind.TakeForm, false)], lan1.Decisions.Select(d => (d.Action, d.Superseded)));
        Assert.NotEqual("1990-11-02", Assert.Single(await CleanAsync(host, batchId), c => c.FormId == "F-LAN-1").Record.DateOfBirth);
        Assert.Equal(2, (await Review(host).ListBulkAsync(Unit, Lan, 10, default)).Count);
        await Assert.ThrowsAsync<InvalidInputException>(() => Review(host).BulkResolveAsync(request with { Action = DecisionKind.Correct }, Lan, default));
        await AssertCountsMatchAsync(host, Lan, Query());
        var trail = await host.Get<AuditTrail>().ListAsync(new AuditQuery("can.bo.lan", AuditActions.BulkResolveCases, null, null, new PageRequest(0, null)), default);
        Assert.Equal(2, trail.Items.Count);
    }

    [Fact]
    public async Task The_queue_filters_pages_in_name_order_and_finds_the_next_case()
    {
        var (host, batchId, _) = await StartAsync();
        await using var __ = host;
        var review = Review(host);
        var byKind = await AllAsync(host, Query() with { CaseKind = CaseKind.Differences, Order = CaseOrder.Name }, Lan);
        Assert.Equal(["F-HOA-1", "F-HOA-2", "F-LAN-1", "F-LAN-2"], byKind.Select(c => c.FormId));
        var byFlag = await AllAsync(host, Query() with { Field = PersonFields.DateOfBirth, Kind = DiscrepancyKind.LunarDate }, Lan);
        Assert.Equal(["F-LAN-1", "F-LAN-2"], byFlag.Select(c => c.FormId));
        Assert.Empty(await AllAsync(host, Query() with { Unit = OtherUnit }, Lan));
        var counts = await review.CountAsync(Query() with { Field = PersonFields.DateOfBirth }, Lan, default);
        Assert.Equal(2, counts.ByState[ReviewCaseState.Open]);
        Assert.Equal(2, counts.ByFlag[(PersonFields.FullName, DiscrepancyKind.MissingMiddleName)]);

        // Next case: in name order, skipping cases someone else holds.
        var first = byKind[0];
        await review.ClaimAsync(byKind[1].Id.ToString(), Minh, default);
        var next = await review.NextAsync(Query() with { CaseKind = CaseKind.Differences }, first.Id.ToString(), Lan, default);
        Assert.Equal(byKind[2].Id, next);
        Assert.Null(await review.NextAsync(Query() with { CaseKind = CaseKind.Differences }, byKind[3].Id.ToString(), Lan, default));
        // A page token is bound to its query.
        var page = await review.ListAsync(Query() with { Page = new PageRequest(1, null), Order = CaseOrder.Name }, Lan, default);
        await Assert.ThrowsAsync<InvalidInputException>(() => review.ListAsync(Query(batchId) with { Page = new PageRequest(1, page.NextPageToken) }, Lan, default));
    }

    [Fact]
    public async Task The_queue_lists_every_state_once_in_name_order_with_the_current_flags_and_live_claims()
    {
        var (host, _, cases) = await StartAsync();
        await using var __ = host;
        var review = Review(host);
        // One case resolved, one claimed, an ambiguous one linked to a chosen record, the rest open.
        var hoa = Single(cases, "F-HOA-2");
        await review.ResolveAsync(new CaseResolution(hoa.Id.ToString(), hoa.Etag, [new DecisionRequest(PersonFields.FullName, DecisionKind.KeepRegistry, null)], null), Lan, default);
        await review.ClaimAsync(Single(cases, "F-LAN-1").Id.ToString(), Minh, default);
        var quy = Single(cases, "F-QUY");
        await review.ResolveAsync(new CaseResolution(quy.Id.ToString(), quy.Etag, [], null, LinkDecisionKind.Choose, QuyB.RecordId), Lan, default);

        foreach (var state in new ReviewCaseState?[] { null, ReviewCaseState.Open, ReviewCaseState.Claimed, ReviewCaseState.Resolved })
        {
            foreach (var order in new[] { CaseOrder.Name, CaseOrder.Created })
            {
                var query = Query() with { State = state, Order = order };
                var listed = await AllAsync(host, query, Lan);
                var queued = new List<QueueItem>();
                var token = "";
                do
                {
                    var page = await review.QueueAsync(query with { Page = new PageRequest(2, token) }, Lan, default);
                    queued.AddRange(page.Items);
                    token = page.NextPageToken;
                }
                while (token.Length > 0);
                // The same cases in the same order as the API's listing, each once, with the state and flags the case page shows.
                Assert.Equal(listed.Select(c => c.Id), queued.Select(q => q.Id));
                Assert.Equal(listed.Select(c => (c.State, c.ClaimedBy)), queued.Select(q => (q.State, q.ClaimedBy)));
                Assert.Equal(listed.Select(c => string.Join(';', c.Discrepancies.Select(d => d.Field + ":" + d.Kind))),
                    queued.Select(q => string.Join(';', q.Flags.Select(f => f.Field + ":" + f.Kind))));
                if (order == CaseOrder.Name)
                {
                    Assert.Equal(queued.Select(q => q.FullName).OrderBy(Core.Names.NameOrder.SortKey, StringComparer.Ordinal), queued.Select(q => q.FullName));
                }
            }
        }
        var all = await AllAsync(host, Query(), Lan);
        Assert.Equal(cases.Select(c => c.Id).Order(), all.Select(c => c.Id).Order());
        Assert.Contains(all, c => c.FormId == "F-QUY" && c.RecordId == QuyB.RecordId && c.State == ReviewCaseState.Resolved);
    }
}
