using CccdRecon.Core.Access;
using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using CccdRecon.Testing;
using Grpc.Core;

namespace CccdRecon.Server.Tests;

/// <summary>The whole path an upstream system and the verification staff take: import, reconcile, batch, review, intake.</summary>
public sealed class EndToEndTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Import_upserts_by_record_id_and_reports_each_rejected_record()
    {
        var first = Cast.Record(1);
        var second = Cast.Record(2);
        var unreadable = Cast.Record(3);
        unreadable.FullName = "";
        var moved = first.Clone();
        moved.PermanentAddress = "Số 7 đường Quang Trung, TP. Thái Nguyên";

        var response = await Server.ImportAsync([first, unreadable, second, moved], perMessage: 2);

        Assert.Equal(2, response.ImportedCount);
        Assert.Equal(1, response.UpdatedCount);
        Assert.Equal(1, response.RejectedCount);
        var rejection = Assert.Single(response.Rejections);
        Assert.Equal(1, rejection.Index);
        Assert.Equal(unreadable.RecordId, rejection.Key);
        Assert.Contains(rejection.FieldViolations, v => v.Field == "full_name");

        var stored = await Server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = first.RecordId });
        Assert.Equal(moved.PermanentAddress, stored.Record.PermanentAddress);
        Assert.Equal(first.FullName, stored.Record.FullName);
    }

    [Fact]
    public async Task An_import_of_several_transactions_keeps_every_record_and_reports_a_rejected_one_by_its_place()
    {
        // 45,000 records: three gathered writes (20,000 each at most), the third gathered into the list the first was
        // written from; one unreadable record in the third, and one record sent again in the last message (an update).
        var records = Enumerable.Range(300_000, 45_000).Select(Cast.Record).ToList();
        records[41_234].FullName = "";
        var again = records[5].Clone();
        again.PermanentAddress = "Số 7 đường Quang Trung, TP. Thái Nguyên";

        var response = await Server.ImportAsync([.. records, again], perMessage: 1_000);

        Assert.Equal(44_999, response.ImportedCount);
        Assert.Equal(1, response.UpdatedCount);
        var rejection = Assert.Single(response.Rejections);
        Assert.Equal(41_234, rejection.Index);
        Assert.Equal(records[41_234].RecordId, rejection.Key);
        foreach (var record in new[] { records[0], records[19_999], records[20_000], records[40_000], records[^1] })
        {
            Assert.Equal(record.FullName, (await Server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = record.RecordId })).Record.FullName);
        }
        Assert.Equal(again.PermanentAddress, (await Server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = again.RecordId })).Record.PermanentAddress);
    }

    [Fact]
    public async Task An_import_of_many_small_messages_is_written_in_a_few_large_transactions()
    {
        // 2,500 records in 25 messages: written together (one registry version), so the index grows in one load, not 25
        // (each load lays the whole index out again: a province imported 1,000 records at a time took quadratic time).
        var records = Enumerable.Range(60_000, 2_500).Select(Cast.Record).ToList();

        var response = await Server.ImportAsync(records, perMessage: 100);

        Assert.Equal(2_500, response.ImportedCount);
        await using (var db = await TestDatabase.ConnectAsync(Server.DataDirectory))
        {
            await using var command = db.CreateCommand();
            command.CommandText = $"SELECT count(DISTINCT \"Version\") FROM \"RegistryRecords\" WHERE \"RecordId\" BETWEEN '{records[0].RecordId}' AND '{records[^1].RecordId}'";
            Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var record in new[] { records[0], records[1_234], records[^1] })
        {
            Assert.Equal(record.FullName, (await Server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = record.RecordId })).Record.FullName);
        }
    }

    [Fact]
    public async Task An_upload_of_many_small_messages_is_written_in_a_few_large_transactions_and_names_each_refused_form_where_it_was_sent()
    {
        // 2,500 forms in 25 messages: written together (one transaction, audited 1,000 forms an event), not one
        // transaction per message (on PostgreSQL each is several round trips and a commit). Form 1,234 has no form_id.
        var uploader = Server.As("upload.gathered", Roles.Batch);
        var batch = (await uploader.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        var forms = Enumerable.Range(0, 2_500).Select(i => i == 1_234 ? new SurveyForm { FullName = "Không Có Mã" } : People.Stranger($"UG-{i:D4}")).ToList();

        var response = await uploader.AddFormsAsync(batch.BatchId, forms, perMessage: 100);

        Assert.Equal((2_499L, 1L), (response.AddedCount, response.RejectedCount));
        Assert.Equal((2_499L, 2_500L), (response.Batch.FormCount, response.Batch.ReceivedCount));
        var rejection = Assert.Single(response.Rejections);
        Assert.Equal(1_234, rejection.Index);
        Assert.Equal(["forms[34].form_id"], rejection.FieldViolations.Select(v => v.Field));
        var events = (await Server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "upload.gathered", PageSize = 1000 })).Events
            .Where(e => e.Action == "batch.add_forms").ToList();
        Assert.Equal(3, events.Count);
        Assert.Equal(2_499, events.Sum(e => e.TargetIds.Count(t => t.StartsWith("form:", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Reconcile_matches_a_keyed_form_and_explains_why()
    {
        var record = Cast.Record(11);
        await Server.ImportAsync([record]);

        var clean = (await Server.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = People.FormFor(record, "F-11") })).Reconciliation;
        var stranger = (await Server.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = People.Stranger("F-12") })).Reconciliation;

        Assert.Equal("F-11", clean.FormId);
        Assert.Equal(ReconciliationStatus.Clean, clean.Status);
        Assert.Equal(record.RecordId, clean.RecordId);
        Assert.Empty(clean.Discrepancies);
        Assert.Contains(clean.Explanation.Candidates, c => c.RecordId == record.RecordId);
        Assert.False(string.IsNullOrWhiteSpace(clean.Explanation.Decision));
        Assert.Equal(ReconciliationStatus.NoMatch, stranger.Status);
        Assert.Equal("", stranger.RecordId);
    }

    [Fact]
    public async Task ReconcileStream_answers_every_form_and_goes_on_after_a_bad_one()
    {
        var records = Enumerable.Range(20, 12).Select(Cast.Record).ToList();
        await Server.ImportAsync(records);
        var forms = records.Select((r, i) => People.FormFor(r, $"S-{i}")).ToList();
        forms.Insert(5, new SurveyForm { FormId = "", FullName = "Lê Văn Tám" });

        using var call = Server.Reconciliation.ReconcileStream();
        var reading = Task.Run(async () =>
        {
            var answers = new List<ReconcileStreamResponse>();
            await foreach (var answer in call.ResponseStream.ReadAllAsync())
            {
                answers.Add(answer);
            }
            return answers;
        });
        foreach (var form in forms)
        {
            await call.RequestStream.WriteAsync(new ReconcileStreamRequest { Form = form });
        }
        await call.RequestStream.CompleteAsync();
        var answers = await reading;

        Assert.Equal(forms.Count, answers.Count);
        var error = Assert.Single(answers, a => a.OutcomeCase == ReconcileStreamResponse.OutcomeOneofCase.Error);
        Assert.Equal(5, error.Error.Index);
        Assert.Contains(error.Error.FieldViolations, v => v.Field == "form.form_id");
        Assert.DoesNotContain("Tám", error.Error.Reason);
        var results = answers.Where(a => a.OutcomeCase == ReconcileStreamResponse.OutcomeOneofCase.Reconciliation).ToList();
        Assert.Equal(forms.Where(f => f.FormId.Length > 0).Select(f => f.FormId).Order(), results.Select(r => r.FormId).Order());
        Assert.All(results, r => Assert.Equal(r.FormId, r.Reconciliation.FormId));
        Assert.All(results, r => Assert.Equal(ReconciliationStatus.Clean, r.Reconciliation.Status));
    }

    [Fact]
    public async Task Batch_then_review_then_intake()
    {
        // 20 keyed copies, 5 with the middle name dropped (for review), 5 people the registry does not know.
        var records = Enumerable.Range(100, 25).Select(Cast.Record).ToList();
        await Server.ImportAsync(records);
        var forms = records.Take(20).Select((r, i) => People.FormFor(r, $"B1-{i:D3}"))
            .Concat(records.Skip(20).Select((r, i) => People.FormFor(r, $"B1-R{i}").WithoutMiddleName()))
            .Concat(Enumerable.Range(0, 5).Select(i => People.Stranger($"B1-N{i}")))
            .ToList();

        var batch = (await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, DisplayName = "Phường Hoàng Văn Thụ, đợt 1", FormsHash = "sha256:e2e-1" })).Batch;
        Assert.Equal(BatchState.Open, batch.State);
        var added = await Server.AddFormsAsync(batch.BatchId, forms.Take(18));
        var again = await Server.AddFormsAsync(batch.BatchId, forms.Skip(15).Append(new SurveyForm { FullName = "Không Có Mã" }));
        Assert.Equal(18, added.AddedCount);
        Assert.Equal(12, again.AddedCount);
        Assert.Equal(3, again.DuplicateCount);
        Assert.Equal(1, again.RejectedCount);
        Assert.Equal(30, again.Batch.FormCount);

        var started = (await Server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId })).Batch;
        Assert.Equal(BatchState.Running, started.State);
        var updates = await Server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(2));
        var done = updates[^1];
        Assert.Equal(BatchState.Succeeded, done.State);
        Assert.Equal(30, done.ProcessedCount);
        Assert.Equal((20, 5, 5, 0), ((int)done.CleanCount, (int)done.ReviewCount, (int)done.NoMatchCount, (int)done.AmbiguousCount));
        Assert.True(updates.Zip(updates.Skip(1)).All(p => p.First.ProcessedCount <= p.Second.ProcessedCount));
        Assert.NotNull(done.CompleteTime);

        var listed = await Server.Batches.ListBatchesAsync(new ListBatchesRequest { FormsHash = "sha256:e2e-1" });
        Assert.Equal(batch.BatchId, Assert.Single(listed.Batches).BatchId);

        var results = await Server.AllResultsAsync(batch.BatchId, pageSize: 7);
        Assert.Equal(forms.Select(f => f.FormId).Order(), results.Select(r => r.FormId).Order());
        // The basic view (the CLI's download): the same results, their explanations left unset.
        var basic = await Server.Batches.ListResultsAsync(new ListResultsRequest { BatchId = batch.BatchId, PageSize = 50, View = ResultView.Basic });
        Assert.All(results, r => Assert.NotNull(r.Explanation));
        Assert.Equal(results.Select(r =>
        {
            var withoutExplanation = r.Clone();
            withoutExplanation.Explanation = null;
            return withoutExplanation;
        }), basic.Results);
        var flagged = await Server.AllResultsAsync(batch.BatchId, ReconciliationStatus.Review, pageSize: 2);
        Assert.Equal(5, flagged.Count);
        Assert.All(flagged, r => Assert.Contains(r.Discrepancies, d => d.Field == "full_name"));

        // Review: every case of this batch has a full_name discrepancy.
        var cases = await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, Field = "full_name", PageSize = 3 });
        Assert.Equal(3, cases.Cases.Count);
        Assert.NotEmpty(cases.NextPageToken);
        var rest = await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, Field = "full_name", PageSize = 3, PageToken = cases.NextPageToken });
        Assert.Equal(2, rest.Cases.Count);
        Assert.Empty(rest.NextPageToken);
        Assert.Empty((await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, Field = "gender" })).Cases);
        var kind = cases.Cases[0].Discrepancies.First(d => d.Field == "full_name").Kind;
        var ofKind = await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, Field = "full_name", Kind = kind });
        Assert.NotEmpty(ofKind.Cases);
        Assert.All(ofKind.Cases, c => Assert.Contains(c.Discrepancies, d => d.Field == "full_name" && d.Kind == kind));
        Assert.Empty((await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, Kind = "lunar_date" })).Cases);

        var summary = cases.Cases[0];
        var detail = (await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = summary.CaseId })).ReviewCase;
        Assert.Equal(CaseState.Open, detail.State);
        Assert.Equal(detail.FormId, detail.Form.FormId);
        Assert.Equal(results.Single(r => r.FormId == detail.FormId).RecordId, detail.Record.RecordId);
        Assert.NotEmpty(detail.Discrepancies);
        Assert.NotEmpty(detail.Explanation.Candidates);

        var lan = Server.As("can.bo.lan", Roles.Reviewer, People.Unit).Review;
        var claimed = (await lan.ClaimCaseAsync(new ClaimCaseRequest { CaseId = detail.CaseId })).ReviewCase;
        Assert.Equal(CaseState.Claimed, claimed.State);
        Assert.Equal("can.bo.lan", claimed.ClaimedBy);
        Assert.NotEqual(detail.Etag, claimed.Etag);

        var resolve = new ResolveCaseRequest { CaseId = detail.CaseId, Etag = claimed.Etag, Note = "Đối chiếu giấy khai sinh" };
        resolve.Decisions.AddRange(claimed.Discrepancies.Select(d => d.Field).Distinct()
            .Select(f => new FieldDecision { Field = f, Action = DecisionAction.KeepRegistry }));
        var resolved = (await lan.ResolveCaseAsync(resolve)).ReviewCase;
        Assert.Equal(CaseState.Resolved, resolved.State);
        Assert.All(resolved.Decisions, d => Assert.Equal("can.bo.lan", d.Reviewer));
        Assert.All(resolved.Decisions, d => Assert.NotNull(d.DecideTime));

        // A correction typed by the reviewer goes into the intake record, marked as the reviewer's.
        var second = (await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = cases.Cases[1].CaseId })).ReviewCase;
        var correct = new ResolveCaseRequest { CaseId = second.CaseId, Etag = second.Etag };
        correct.Decisions.AddRange(second.Discrepancies.Select(d => d.Field).Distinct().Select(f => f == "full_name"
            ? new FieldDecision { Field = f, Action = DecisionAction.Correct, CorrectedValue = "Nguyễn Văn Hoà Bình" }
            : new FieldDecision { Field = f, Action = DecisionAction.KeepRegistry }));
        Assert.Equal(CaseState.Resolved, (await Server.As("can.bo.minh", Roles.Reviewer, People.Unit).Review.ResolveCaseAsync(correct)).ReviewCase.State);
        var open = await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, State = CaseState.Open, CaseKind = CaseKind.Differences });
        Assert.Equal(3, open.Cases.Count);
        // The five strangers are cases too, for a person to find in the registry or confirm as absent.
        var strangers = await Server.Review.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId, CaseKind = CaseKind.NoMatch });
        Assert.Equal(5, strangers.Cases.Count);
        Assert.All(strangers.Cases, c => Assert.Equal("", c.RecordId));

        // Intake: 20 clean + 2 resolved.
        var page = await Server.Intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = batch.BatchId, PageSize = 1000 });
        Assert.Equal(22, page.CleanRecords.Count);
        var exported = new List<CleanRecord>();
        using (var export = Server.Intake.ExportCleanRecords(new ExportCleanRecordsRequest { BatchId = batch.BatchId }))
        {
            await foreach (var item in export.ResponseStream.ReadAllAsync())
            {
                exported.Add(item.CleanRecord);
            }
        }
        Assert.Equal(page.CleanRecords.Select(c => c.FormId), exported.Select(c => c.FormId));

        var plain = exported.Single(c => c.FormId == "B1-000");
        Assert.Equal(records[0].FullName, plain.Record.FullName);
        Assert.Equal(records[0].DateOfBirth, plain.Record.DateOfBirth);
        Assert.Equal(forms[0].PermanentAddress, plain.Record.PermanentAddress);
        Assert.Contains(plain.Sources, s => s.Field == "full_name" && s.Source == FieldSource.Registry);
        Assert.Contains(plain.Sources, s => s.Field == "permanent_address" && s.Source == FieldSource.Form);

        var kept = exported.Single(c => c.FormId == detail.FormId);
        Assert.Equal(detail.Record.FullName, kept.Record.FullName);
        var corrected = exported.Single(c => c.FormId == second.FormId);
        Assert.Equal("Nguyễn Văn Hoà Bình", corrected.Record.FullName);
        Assert.Contains(corrected.Sources, s => s.Field == "full_name" && s.Source == FieldSource.Reviewer);
    }
}

/// <summary>
/// The server's log never carries names, dates, ID numbers or addresses, nor the tokens: the whole flow (import,
/// reconcile, batch, review with a typed correction, intake, audit) plus refused calls (no token, forged token,
/// wrong role, other unit, stale etag, bad input), with every category at Debug.
/// </summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task Nothing_personal_reaches_the_log()
    {
        await using var server = await ServerProcess.StartNewAsync("Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050",
            "Logging:LogLevel:Default=Debug", "Logging:LogLevel:Microsoft.AspNetCore=Debug", "Logging:LogLevel:Microsoft.EntityFrameworkCore=Debug",
            "Logging:LogLevel:Grpc.AspNetCore.Server.ServerCallHandler=Debug");
        var records = Enumerable.Range(6000, 8).Select(Cast.Record).ToList();
        var bad = Cast.Record(6100);
        bad.Gender = "không rõ";
        var registryToken = server.Token("log.registry", [Roles.Registry]);
        await server.WithToken(registryToken).ImportAsync([.. records, bad]);
        var forms = records.Select((r, i) => i % 2 == 0 ? People.FormFor(r, $"L-{i}") : People.FormFor(r, $"L-{i}").WithoutMiddleName()).ToList();
        await server.As("log.upstream", Roles.Upstream).Reconciliation.ReconcileAsync(new ReconcileRequest { Form = forms[0] });
        await Assert.ThrowsAsync<RpcException>(() => server.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = new SurveyForm { FullName = records[1].FullName } }).ResponseAsync);
        var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        await server.AddFormsAsync(batch.BatchId, forms);
        await server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
        await server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(1));
        await server.AllResultsAsync(batch.BatchId);

        // Review: a correction typed by the reviewer, a stale etag, and a reviewer of another unit.
        var reviewer = server.As("log.reviewer", Roles.Reviewer, People.Unit).Review;
        var cases = (await reviewer.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId })).Cases;
        var open = (await reviewer.GetCaseAsync(new GetCaseRequest { CaseId = cases[0].CaseId })).ReviewCase;
        var correction = "Trịnh Công Sơn";
        var resolve = new ResolveCaseRequest { CaseId = open.CaseId, Etag = open.Etag, Note = "Theo giấy khai sinh số 123/2001 của Lương Thế Vinh" };
        resolve.Decisions.AddRange(open.Discrepancies.Select(d => d.Field).Distinct().Select(f => f == "full_name"
            ? new FieldDecision { Field = f, Action = DecisionAction.Correct, CorrectedValue = correction }
            : new FieldDecision { Field = f, Action = DecisionAction.KeepRegistry }));
        await reviewer.ResolveCaseAsync(resolve);
        await Assert.ThrowsAsync<RpcException>(() => reviewer.ResolveCaseAsync(resolve).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => server.As("log.elsewhere", Roles.Reviewer, People.OtherUnit).Review.GetCaseAsync(new GetCaseRequest { CaseId = cases[1].CaseId }).ResponseAsync);

        var intake = server.As("log.intake", Roles.Intake).Intake;
        await intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = batch.BatchId });
        using (var export = intake.ExportCleanRecords(new ExportCleanRecordsRequest { BatchId = batch.BatchId }))
        {
            await foreach (var _ in export.ResponseStream.ReadAllAsync())
            {
            }
        }
        await server.Audit.ListEventsAsync(new ListEventsRequest());

        // Refused: no token, a forged token, a role that may not read the registry.
        await Assert.ThrowsAsync<RpcException>(() => server.WithToken(null).Registry.GetRecordAsync(new GetRecordRequest { RecordId = records[0].RecordId }).ResponseAsync);
        var forged = registryToken[..^4] + "AAAA";
        await Assert.ThrowsAsync<RpcException>(() => server.WithToken(forged).Registry.GetRecordAsync(new GetRecordRequest { RecordId = records[0].RecordId }).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => server.As("log.intake", Roles.Intake).Registry.GetRecordAsync(new GetRecordRequest { RecordId = records[0].RecordId }).ResponseAsync);

        var log = server.Output;

        Assert.Contains(batch.BatchId, log);
        Assert.Contains("Successfully validated the token", log);
        foreach (var r in records.Append(bad))
        {
            Assert.DoesNotContain(r.FullName, log);
            Assert.DoesNotContain(r.FullName.ToUpperInvariant(), log);
            Assert.DoesNotContain(r.PersonalId, log);
            Assert.DoesNotContain(r.DateOfBirth, log);
            Assert.DoesNotContain(r.PermanentAddress, log);
            Assert.DoesNotContain(r.Hometown, log);
            Assert.DoesNotContain(r.FatherName, log);
            Assert.DoesNotContain(r.MotherName, log);
        }
        foreach (var f in forms)
        {
            Assert.DoesNotContain(f.FullName, log);
            Assert.DoesNotContain(f.PersonalId, log);
            Assert.DoesNotContain(f.DateOfBirth, log);
            Assert.DoesNotContain(f.PermanentAddress, log);
        }
        Assert.DoesNotContain("không rõ", log);
        Assert.DoesNotContain(correction, log);
        Assert.DoesNotContain("Lương Thế Vinh", log);
        Assert.DoesNotContain(registryToken, log);
        Assert.DoesNotContain(registryToken.Split('.')[2], log);
    }
}
