using System.Diagnostics;
using CccdRecon.Core.Access;
using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using System.Data.Common;
using CccdRecon.Testing;

namespace CccdRecon.Server.Tests;

/// <summary>Every read of personal data and every change leaves exactly one audit event; a failed change leaves none.</summary>
public sealed class AuditTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private ServerProcess Server => fixture.Server;

    /// <summary>The events of one subject (each step below calls as its own subject).</summary>
    private async Task<List<AuditEvent>> EventsOf(string subject)
        => [.. (await Server.Audit.ListEventsAsync(new ListEventsRequest { Subject = subject, PageSize = 1000 })).Events];

    private async Task<AuditEvent> SingleEvent(string subject, string action, params string[] targets)
    {
        var events = await EventsOf(subject);
        var only = Assert.Single(events);
        Assert.Equal(action, only.Action);
        Assert.Equal(subject, only.Subject);
        Assert.All(targets, t => Assert.Contains(t, only.TargetIds));
        Assert.Matches("^[0-9a-f]{32}$", only.TraceId);
        return only;
    }

    [Fact]
    public async Task Every_rpc_touching_personal_data_leaves_exactly_one_event()
    {
        var records = Enumerable.Range(9000, 3).Select(Cast.Record).ToList();
        var registry = Server.As("audit.registry", Roles.Registry);
        await registry.ImportAsync(records);
        await SingleEvent("audit.registry", "registry.import_records", records.Select(r => "record:" + r.RecordId).ToArray());

        await Server.As("audit.get", Roles.Registry).Registry.GetRecordAsync(new GetRecordRequest { RecordId = records[0].RecordId });
        await SingleEvent("audit.get", "registry.get_record", "record:" + records[0].RecordId);

        await Server.As("audit.reconcile", Roles.Upstream).Reconciliation.ReconcileAsync(new ReconcileRequest { Form = People.FormFor(records[0], "AU-1") });
        await WaitForEvent("audit.reconcile");
        await SingleEvent("audit.reconcile", "reconciliation.reconcile", "form:AU-1", "record:" + records[0].RecordId);

        var stream = Server.As("audit.stream", Roles.Upstream).Reconciliation.ReconcileStream();
        await stream.RequestStream.WriteAsync(new ReconcileStreamRequest { Form = People.FormFor(records[1], "AU-2") });
        await stream.RequestStream.WriteAsync(new ReconcileStreamRequest { Form = People.Stranger("AU-3") });
        await stream.RequestStream.CompleteAsync();
        await foreach (var _ in stream.ResponseStream.ReadAllAsync())
        {
        }
        stream.Dispose();
        await WaitForEvent("audit.stream");
        await SingleEvent("audit.stream", "reconciliation.reconcile_stream", "form:AU-2", "record:" + records[1].RecordId, "form:AU-3");

        var batches = Server.As("audit.batch", Roles.Batch);
        var batch = (await batches.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        await SingleEvent("audit.batch", "batch.create_batch", "batch:" + batch.BatchId);

        var forms = records.Select((r, i) => People.FormFor(r, $"AU-B{i}").WithoutMiddleName()).ToList();
        await Server.As("audit.add", Roles.Batch).AddFormsAsync(batch.BatchId, forms);
        await SingleEvent("audit.add", "batch.add_forms", "batch:" + batch.BatchId, "form:AU-B0", "form:AU-B2");

        await Server.As("audit.start", Roles.Batch).Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
        await SingleEvent("audit.start", "batch.start_batch", "batch:" + batch.BatchId);
        await Server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(1));

        // Progress carries counts only: no event.
        await Server.As("audit.watch", Roles.Batch).Batches.GetBatchAsync(new GetBatchRequest { BatchId = batch.BatchId });
        Assert.Empty(await EventsOf("audit.watch"));

        await Server.As("audit.results", Roles.Batch).Batches.ListResultsAsync(new ListResultsRequest { BatchId = batch.BatchId });
        await SingleEvent("audit.results", "batch.list_results", "batch:" + batch.BatchId, "form:AU-B1");

        var reviewer = Server.As("audit.review", Roles.Reviewer, People.Unit).Review;
        var cases = (await reviewer.ListCasesAsync(new ListCasesRequest { BatchId = batch.BatchId })).Cases;
        Assert.Equal(3, cases.Count);
        await SingleEvent("audit.review", "review.list_cases", [.. cases.Select(c => "case:" + c.CaseId)]);

        var reader = Server.As("audit.case", Roles.Reviewer, People.Unit).Review;
        var detail = (await reader.GetCaseAsync(new GetCaseRequest { CaseId = cases[0].CaseId })).ReviewCase;
        await SingleEvent("audit.case", "review.get_case", "case:" + detail.CaseId, "form:" + detail.FormId, "record:" + detail.Record.RecordId);

        var claimer = Server.As("audit.claim", Roles.Reviewer, People.Unit).Review;
        var claimed = (await claimer.ClaimCaseAsync(new ClaimCaseRequest { CaseId = detail.CaseId })).ReviewCase;
        await SingleEvent("audit.claim", "review.claim_case", "case:" + detail.CaseId);

        var resolve = new ResolveCaseRequest { CaseId = claimed.CaseId, Etag = claimed.Etag };
        resolve.Decisions.AddRange(claimed.Discrepancies.Select(d => d.Field).Distinct().Select(f => new FieldDecision { Field = f, Action = DecisionAction.KeepRegistry }));
        await Server.As("audit.resolve", Roles.Reviewer, People.Unit).Review.ResolveCaseAsync(resolve);
        var resolved = await SingleEvent("audit.resolve", "review.resolve_case", "case:" + detail.CaseId);
        Assert.Equal(Roles.Reviewer, resolved.Role);
        Assert.Equal([People.Unit], resolved.Units);

        var clean = (await Server.As("audit.intake", Roles.Intake).Intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = batch.BatchId })).CleanRecords;
        Assert.Single(clean);
        var listed = await SingleEvent("audit.intake", "intake.list_clean_records");
        Assert.Single(listed.TargetIds, t => t.StartsWith("clean:", StringComparison.Ordinal));

        using (var export = Server.As("audit.export", Roles.Intake).Intake.ExportCleanRecords(new ExportCleanRecordsRequest { BatchId = batch.BatchId }))
        {
            await foreach (var _ in export.ResponseStream.ReadAllAsync())
            {
            }
        }
        await SingleEvent("audit.export", "intake.export_clean_records", "batch:" + batch.BatchId, "count:1");

        var cancelled = (await Server.As("audit.cancel.setup", Roles.Batch).Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        await Server.As("audit.cancel", Roles.Batch).Batches.CancelBatchAsync(new CancelBatchRequest { BatchId = cancelled.BatchId });
        await SingleEvent("audit.cancel", "batch.cancel_batch", "batch:" + cancelled.BatchId);
    }

    [Fact]
    public async Task A_failed_change_leaves_no_event()
    {
        var (batchId, cases) = await Server.ReviewBatchAsync(9100, 2);
        var seen = (await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = cases[0].CaseId })).ReviewCase;
        var claimed = (await Server.As("audit.first", Roles.Reviewer, People.Unit).Review.ClaimCaseAsync(new ClaimCaseRequest { CaseId = seen.CaseId })).ReviewCase;
        var late = Server.As("audit.late", Roles.Reviewer, People.Unit).Review;

        // Refused before the write: a claim on someone else's case, a stale etag, an unknown case, an empty batch.
        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => late.ClaimCaseAsync(new ClaimCaseRequest { CaseId = seen.CaseId }).ResponseAsync);
        var stale = new ResolveCaseRequest { CaseId = seen.CaseId, Etag = seen.Etag };
        stale.Decisions.AddRange(seen.Discrepancies.Select(d => d.Field).Distinct().Select(f => new FieldDecision { Field = f, Action = DecisionAction.TakeForm }));
        await Rpc.FailsWith(StatusCode.Aborted, () => late.ResolveCaseAsync(stale).ResponseAsync);
        await Rpc.FailsWith(StatusCode.NotFound, () => late.GetCaseAsync(new GetCaseRequest { CaseId = "999999999" }).ResponseAsync);
        Assert.Empty(await EventsOf("audit.late"));

        var batcher = Server.As("audit.empty", Roles.Batch);
        var empty = (await batcher.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => batcher.Batches.StartBatchAsync(new StartBatchRequest { BatchId = empty.BatchId }).ResponseAsync);
        Assert.Equal(["batch.create_batch"], (await EventsOf("audit.empty")).Select(e => e.Action));

        // Refused at the write itself: two reviewers resolve the other case with the same etag; the loser's
        // transaction (decisions and event) rolls back, so the case has exactly one resolve event.
        var other = (await Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = cases[1].CaseId })).ReviewCase;
        using var go = new ManualResetEventSlim();
        var shared = Server.WithToken(null).Review;
        var racers = new[] { "audit.race.a", "audit.race.b" }.Select(subject => Task.Run(async () =>
        {
            var token = new Metadata { { "Authorization", "Bearer " + Server.Token(subject, [Roles.Reviewer], [People.Unit]) } };
            var request = new ResolveCaseRequest { CaseId = other.CaseId, Etag = other.Etag };
            request.Decisions.AddRange(other.Discrepancies.Select(d => d.Field).Distinct().Select(f => new FieldDecision { Field = f, Action = DecisionAction.KeepRegistry }));
            go.Wait();
            try
            {
                await shared.ResolveCaseAsync(request, token);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        })).ToArray();
        go.Set();
        var outcomes = await Task.WhenAll(racers);
        Assert.Single(outcomes, o => o == StatusCode.OK);
        var resolves = (await Server.Audit.ListEventsAsync(new ListEventsRequest { Action = "review.resolve_case", PageSize = 1000 })).Events
            .Where(e => e.TargetIds.Contains("case:" + other.CaseId)).ToList();
        var winner = Assert.Single(resolves);
        Assert.Equal(outcomes[0] == StatusCode.OK ? "audit.race.a" : "audit.race.b", winner.Subject);
        Assert.NotNull(claimed);
        Assert.NotEmpty(batchId);
    }

    [Fact]
    public async Task A_long_stream_is_audited_as_it_goes_each_form_once()
    {
        // Found by the soak (bench/soak): a stream held every id it answered until it ended, so the server's memory grew
        // with each form of a stream left open, and a kill lost the stream's whole audit. Events of about
        // AuditTrail.MaxTargetsPerEvent (1,000) ids are queued as the answers go out.
        const int PerEvent = 1_000;
        var sent = Enumerable.Range(0, PerEvent + 200).Select(i => $"LS-{i:D5}").ToList();
        using var stream = Server.As("audit.longstream", Roles.Upstream).Reconciliation.ReconcileStream();
        foreach (var id in sent)
        {
            await stream.RequestStream.WriteAsync(new ReconcileStreamRequest { Form = People.Stranger(id) });
        }
        for (var i = 0; i < sent.Count; i++)
        {
            Assert.True(await stream.ResponseStream.MoveNext(default));
        }

        // The stream is still open: the first thousand answers are in the trail already.
        await WaitForEvent("audit.longstream");
        var whileOpen = Assert.Single(await EventsOf("audit.longstream"));
        Assert.Equal(PerEvent, whileOpen.TargetIds.Count);

        await stream.RequestStream.CompleteAsync();
        Assert.False(await stream.ResponseStream.MoveNext(default));
        for (var i = 0; i < 50 && (await EventsOf("audit.longstream")).Count < 2; i++)
        {
            await Task.Delay(100);
        }
        var events = await EventsOf("audit.longstream");
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("reconciliation.reconcile_stream", e.Action));
        Assert.Equal(sent.Select(id => "form:" + id).Order(), events.SelectMany(e => e.TargetIds).Order());
    }

    [Fact]
    public async Task Events_carry_the_callers_trace_id_and_list_by_time_and_page()
    {
        var record = Cast.Record(9200);
        await Server.ImportAsync([record]);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var headers = new Metadata { { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01" } };
        var client = Server.As("audit.trace", Roles.Registry).Registry;
        for (var i = 0; i < 3; i++)
        {
            await client.GetRecordAsync(new GetRecordRequest { RecordId = record.RecordId }, headers);
        }

        var first = await Server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "audit.trace", PageSize = 2 });
        var second = await Server.Audit.ListEventsAsync(new ListEventsRequest { Subject = "audit.trace", PageSize = 2, PageToken = first.NextPageToken });
        Assert.Equal(2, first.Events.Count);
        Assert.Single(second.Events);
        Assert.Empty(second.NextPageToken);
        Assert.All(first.Events.Concat(second.Events), e => Assert.Equal(traceId, e.TraceId));

        var window = new ListEventsRequest { Subject = "audit.trace", StartTime = Timestamp.FromDateTimeOffset(before), EndTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(1)) };
        Assert.Equal(3, (await Server.Audit.ListEventsAsync(window)).Events.Count);
        window.EndTime = Timestamp.FromDateTimeOffset(before);
        window.StartTime = Timestamp.FromDateTimeOffset(before.AddHours(-1));
        Assert.Empty((await Server.Audit.ListEventsAsync(window)).Events);
        Assert.Equal(["page_token"], (await Rpc.FailsWith(StatusCode.InvalidArgument, () => Server.Audit.ListEventsAsync(
            new ListEventsRequest { Subject = "someone.else", PageToken = first.NextPageToken }).ResponseAsync)).ViolatedFields());
    }

    [Fact]
    public async Task The_trail_is_append_only_in_the_database()
    {
        // Straight to the database, past the stores: its own triggers refuse (SQLite, PostgreSQL, SQL Server alike).
        await using var db = await TestDatabase.ConnectAsync(Server.DataDirectory);
        await using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO \"AuditEvents\" (\"OccurredAt\", \"Subject\", \"Role\", \"Units\", \"Action\", \"Targets\", \"TraceId\") VALUES (0, 'x', 'r', '', 'a', '', '')";
        await insert.ExecuteNonQueryAsync();

        var refusals = TestDatabase.IsPostgreSql
            ? new[] { "UPDATE \"AuditEvents\" SET \"Subject\" = 'someone'", "DELETE FROM \"AuditEvents\"", "TRUNCATE \"AuditEvents\"" }
            : ["UPDATE \"AuditEvents\" SET \"Subject\" = 'someone'", "DELETE FROM \"AuditEvents\""];
        foreach (var sql in refusals)
        {
            await using var change = db.CreateCommand();
            change.CommandText = sql;
            var ex = await Assert.ThrowsAnyAsync<DbException>(() => change.ExecuteNonQueryAsync());
            Assert.Contains("append-only", ex.Message);
        }
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM \"AuditEvents\" WHERE \"Subject\" = 'x'";
        Assert.Equal(1L, Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Online reconciliation's events are committed in batches, within a moment of the call.</summary>
    private async Task WaitForEvent(string subject)
    {
        for (var i = 0; i < 50 && (await EventsOf(subject)).Count == 0; i++)
        {
            await Task.Delay(100);
        }
    }
}
