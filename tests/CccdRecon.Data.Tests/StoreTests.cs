using CccdRecon.Core.Matching;
using CccdRecon.Data.Audit;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Intake;
using CccdRecon.Data.Paging;
using CccdRecon.Data.Registry;
using CccdRecon.Data.Review;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The stores speak the domain: a host with no gRPC at all (the console, a second process) imports, runs a batch,
/// reviews and reads intake with the same rules and one audit trail, and gets refusals as <see cref="StoreException"/>s.
/// </summary>
public sealed class StoreTests
{
    private const string Unit = StoreData.Unit;

    private static RegistryRecord Record(int n) => StoreData.Record(n);

    private static SurveyForm FormFor(RegistryRecord r, string formId) => StoreData.FormFor(r, formId);

    [Fact]
    public async Task A_host_without_grpc_runs_import_batch_review_and_intake_on_the_stores()
    {
        await using var host = await StoreHost.StartAsync();
        var admin = StoreHost.Admin;
        var records = Enumerable.Range(1, 3).Select(Record).ToList();
        var import = new RegistryImport();
        await host.Get<RegistryStore>().ImportAsync(import, records, admin, default);
        Assert.Equal(3, import.Imported);

        var batches = host.Get<BatchStore>();
        var batch = await batches.CreateAsync(new NewBatch("forms.csv", "sha256:test", Unit), admin, default);
        var upload = new FormUpload();
        await batches.AddFormsAsync(upload, batch.Id, records.Select((r, i) => FormFor(r, $"F{i}")).Append(new SurveyForm { FormId = "" }).ToList(), admin, default);
        Assert.Equal(3, upload.Added);
        Assert.Equal("forms[3].form_id", Assert.Single(Assert.Single(upload.Rejections).Violations).Field);
        Assert.Equal(BatchRunState.Running, (await batches.StartAsync(batch.Id, admin, default)).State);

        // What the batch processor does, chunk by chunk.
        var reconciler = host.Get<Reconciler>();
        var worker = new BatchWorker("store-test", TimeSpan.FromMinutes(1));
        var leased = Assert.IsType<LeasedBatch>(await batches.LeaseNextAsync(worker, default));
        var pending = await batches.PendingFormsAsync(batch.Id, leased.ProcessedThrough, 10, default);
        var written = await batches.WriteChunkAsync(batch.Id, worker, leased.ProcessedThrough, pending, pending.Select(p => reconciler.Reconcile(p.Form)).ToList(), default);
        Assert.True(written.Finished);
        var done = await batches.GetAsync(batch.Id, default);
        Assert.Equal((BatchRunState.Succeeded, 3L), (done.State, done.ReviewCount));
        var results = await batches.ListResultsAsync(new ResultQuery(batch.Id, MatchStatus.Review, new PageRequest(10, null)), admin, default);
        Assert.All(results.Items, r => Assert.Contains(r.Discrepancies, d => d.Field == PersonFields.FullName));

        // A reviewer of the unit sees the cases; one of another unit does not.
        var review = host.Get<ReviewStore>();
        var lan = StoreHost.Reviewer("can.bo.lan", Unit);
        var cases = await review.ListAsync(new CaseQuery(batch.Id, ReviewCaseState.Open, PersonFields.FullName, null, new PageRequest(0, null)), lan, default);
        Assert.Equal(3, cases.Items.Count);
        var first = cases.Items[0];
        await Assert.ThrowsAsync<NotFoundException>(() => review.GetAsync(first.Id.ToString(), StoreHost.Reviewer("can.bo.khac", "05446"), default));

        var detail = await review.GetAsync(first.Id.ToString(), lan, default);
        Assert.Equal("Nguyễn Hoà", detail.Form.FullName);
        Assert.Equal(detail.Case.Discrepancies.Count, detail.Explanation.Fields.Count(f => f.Field == PersonFields.FullName));
        var decide = new CaseResolution(first.Id.ToString(), detail.Case.Etag, [new DecisionRequest(PersonFields.FullName, DecisionKind.KeepRegistry, null)], "đã xác minh");
        var claimed = await review.ClaimAsync(first.Id.ToString(), lan, default);
        var stale = await Assert.ThrowsAsync<ConflictException>(() => review.ResolveAsync(decide, lan, default));
        Assert.Equal(ConflictException.StaleEtag, stale.Reason);
        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => review.ResolveAsync(
            decide with { Etag = claimed.Case.Etag, Decisions = [new DecisionRequest(PersonFields.Gender, null, null)] }, lan, default));
        Assert.Equal(["decisions[0].field", "decisions[0].action"], invalid.Violations.Select(v => v.Field));
        var resolved = await review.ResolveAsync(decide with { Etag = claimed.Case.Etag }, lan, default);
        Assert.Equal(ReviewCaseState.Resolved, resolved.Case.State);
        Assert.Equal("can.bo.lan", Assert.Single(resolved.Case.Decisions).Reviewer);

        // The clean record keeps the registry's name, the form's address, and says so.
        var intake = await host.Get<IntakeStore>().ListAsync(batch.Id, new PageRequest(0, null), admin, default);
        var clean = Assert.Single(intake.Items);
        Assert.Equal((first.FormId, "Nguyễn Văn Hoà", "Tổ 5, phường Hoàng Văn Thụ, TP. Thái Nguyên"), (clean.FormId, clean.Record.FullName, clean.Record.PermanentAddress));
        Assert.Contains(new FieldProvenance(PersonFields.FullName, ValueSource.Registry), clean.Sources);
        Assert.Contains(new FieldProvenance(PersonFields.PermanentAddress, ValueSource.Form), clean.Sources);

        // One audit trail: the reviewer's actions are there under its own name.
        var trail = await host.Get<AuditTrail>().ListAsync(new AuditQuery("can.bo.lan", null, null, null, new PageRequest(0, null)), default);
        Assert.Equal([AuditActions.ListCases, AuditActions.GetCase, AuditActions.ClaimCase, AuditActions.ResolveCase], trail.Items.Select(e => e.Action));
        Assert.All(trail.Items, e => Assert.Equal([Unit], e.Units));
    }

    [Fact]
    public async Task Refusals_are_store_exceptions_with_their_reason()
    {
        await using var host = await StoreHost.StartAsync();
        var batches = host.Get<BatchStore>();
        Assert.Equal("unit", Assert.Single((await Assert.ThrowsAsync<InvalidInputException>(
            () => batches.CreateAsync(new NewBatch("x", "", "5443"), StoreHost.Admin, default))).Violations).Field);
        Assert.Equal("BATCH_NOT_FOUND", (await Assert.ThrowsAsync<NotFoundException>(() => batches.GetAsync("nope", default))).Reason);
        var batch = await batches.CreateAsync(new NewBatch("x", "", Unit), StoreHost.Admin, default);
        Assert.Equal("BATCH_EMPTY", (await Assert.ThrowsAsync<PreconditionFailedException>(() => batches.StartAsync(batch.Id, StoreHost.Admin, default))).Reason);
        var page = await Assert.ThrowsAsync<InvalidInputException>(() => batches.ListAsync(new BatchQuery(null, new PageRequest(-1, "not a token")), default));
        Assert.Equal(["page_size", "page_token"], page.Violations.Select(v => v.Field));
    }

    [Theory]
    [InlineData("٠٥٤٤٣")]
    [InlineData("０５４４３")]
    [InlineData("05443\n")]
    public async Task A_batch_unit_in_other_digits_than_ascii_is_refused(string unit)
    {
        await using var host = await StoreHost.StartAsync();

        var refused = await Assert.ThrowsAsync<InvalidInputException>(
            () => host.Get<BatchStore>().CreateAsync(new NewBatch("x", "", unit), StoreHost.Admin, default));

        Assert.Equal("unit", Assert.Single(refused.Violations).Field);
    }

    [Theory]
    [InlineData(PersonFields.PersonalId, "٠١٩٣٨٥٠٠٠٠٠١")]
    [InlineData(PersonFields.DateOfBirth, "١٩٨٥-03-12")]
    public async Task A_correction_of_a_date_or_an_id_takes_ascii_digits_only(string field, string corrected)
    {
        await using var host = await StoreHost.StartAsync();
        var record = Record(7);
        await host.Get<RegistryStore>().ImportAsync(new RegistryImport(), [record], StoreHost.Admin, default);
        var batches = host.Get<BatchStore>();
        var batch = await batches.CreateAsync(new NewBatch("forms.csv", "", Unit), StoreHost.Admin, default);
        // One digit of the ID and the day of birth keyed wrong: both are flagged for a reviewer.
        var form = FormFor(record, "F-7") with { FullName = record.FullName, PersonalId = "019385000017", DateOfBirth = "13/03/1985" };
        await batches.AddFormsAsync(new FormUpload(), batch.Id, [form], StoreHost.Admin, default);
        await batches.StartAsync(batch.Id, StoreHost.Admin, default);
        await ReviewScenario.ProcessAsync(host, batch.Id);
        var review = host.Get<ReviewStore>();
        var lan = StoreHost.Reviewer("can.bo.lan", Unit);
        var open = Assert.Single((await review.ListAsync(new CaseQuery(batch.Id, ReviewCaseState.Open, null, null, new PageRequest(0, null)), lan, default)).Items);
        var detail = await review.GetAsync(open.Id.ToString(), lan, default);
        Assert.Contains(detail.Case.Discrepancies, d => d.Field == field);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => review.ResolveAsync(
            new CaseResolution(open.Id.ToString(), detail.Case.Etag, [new DecisionRequest(field, DecisionKind.Correct, corrected)], null), lan, default));

        Assert.Equal(["decisions[0].corrected_value"], refused.Violations.Select(v => v.Field));
    }
}
