using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using Grpc.Core;

namespace CccdRecon.Server.Tests;

/// <summary>Every error path: AIP-193 codes, field violations naming the field, and no personal data in messages.</summary>
public sealed class ErrorTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_form_without_form_id_is_invalid_and_the_message_does_not_echo_its_data()
    {
        var form = new SurveyForm { FullName = "Nguyễn Thị Minh Khai", DateOfBirth = "01/11/1910", PersonalId = "001190000123" };

        var status = await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = form }).ResponseAsync);

        Assert.Equal(["form.form_id"], status.ViolatedFields());
        Assert.DoesNotContain("Khai", status.Message);
        Assert.DoesNotContain("001190000123", status.ToString());
    }

    [Fact]
    public async Task A_missing_form_and_an_overlong_field_are_named()
    {
        var missing = await Rpc.FailsWith(StatusCode.InvalidArgument, () => Server.Reconciliation.ReconcileAsync(new ReconcileRequest()).ResponseAsync);
        Assert.Equal(["form"], missing.ViolatedFields());

        var longName = string.Concat(Enumerable.Repeat("Nguyễn ", 200));
        var tooLong = await Rpc.FailsWith(StatusCode.InvalidArgument, () => Server.Reconciliation.ReconcileAsync(
            new ReconcileRequest { Form = new SurveyForm { FormId = "X-1", FullName = longName } }).ResponseAsync);
        Assert.Equal(["form.full_name"], tooLong.ViolatedFields());
        Assert.DoesNotContain("Nguyễn", tooLong.ToString());
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_refused()
    {
        var huge = new SurveyForm { FormId = "X-2", PermanentAddress = new string('x', 5 * 1024 * 1024) };
        var status = await Rpc.FailsWith(StatusCode.ResourceExhausted, () => Server.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = huge }).ResponseAsync);
        Assert.Equal("MESSAGE_TOO_LARGE", status.Reason());
        Assert.Equal("Limits:MaxReceiveMessageBytes", Assert.Single(status.GetDetail<Google.Rpc.QuotaFailure>().Violations).Subject);
    }

    [Fact]
    public async Task The_configured_message_limit_applies_and_a_larger_call_is_refused()
    {
        await using var small = await ServerProcess.StartNewAsync("Limits:MaxReceiveMessageBytes=65536");
        var form = new SurveyForm { FormId = "X-3", PermanentAddress = new string('x', 200 * 1024) };

        var status = await Rpc.FailsWith(StatusCode.ResourceExhausted, () => small.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = form }).ResponseAsync);

        Assert.Equal("MESSAGE_TOO_LARGE", status.Reason());
        Assert.Contains("65536", status.Message);
        // Under the limit, the same call is answered.
        var fits = new SurveyForm { FormId = "X-4", FullName = "Nguyễn Văn An", PermanentAddress = new string('x', 400) };
        Assert.Equal("X-4", (await small.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = fits })).Reconciliation.FormId);
    }

    [Fact]
    public async Task Too_many_records_in_one_message_is_invalid_and_earlier_messages_are_kept()
    {
        using var call = Server.Registry.ImportRecords();
        var ok = new ImportRecordsRequest();
        ok.Records.Add(Cast.Record(500));
        await call.RequestStream.WriteAsync(ok);
        var tooMany = new ImportRecordsRequest();
        tooMany.Records.AddRange(Enumerable.Range(501, 1001).Select(Cast.Record));
        await call.RequestStream.WriteAsync(tooMany);
        await call.RequestStream.CompleteAsync();

        var status = await Rpc.FailsWith(StatusCode.InvalidArgument, () => call.ResponseAsync);
        Assert.Equal(["records"], status.ViolatedFields());
        var kept = await Server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = Cast.Record(500).RecordId });
        Assert.Equal(Cast.Record(500).PersonalId, kept.Record.PersonalId);
    }

    [Fact]
    public async Task Unknown_ids_are_not_found()
    {
        Assert.Equal("RECORD_NOT_FOUND", (await Rpc.FailsWith(StatusCode.NotFound,
            () => Server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = "R-none" }).ResponseAsync)).Reason());
        Assert.Equal("BATCH_NOT_FOUND", (await Rpc.FailsWith(StatusCode.NotFound,
            () => Server.Batches.GetBatchAsync(new GetBatchRequest { BatchId = "0000" }).ResponseAsync)).Reason());
        await Rpc.FailsWith(StatusCode.NotFound, () => Server.Batches.ListResultsAsync(new ListResultsRequest { BatchId = "0000" }).ResponseAsync);
        await Rpc.FailsWith(StatusCode.NotFound, () => Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = "999999" }).ResponseAsync);
        await Rpc.FailsWith(StatusCode.NotFound, () => Server.Intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = "0000" }).ResponseAsync);
        await Rpc.FailsWith(StatusCode.NotFound, () => Server.AddFormsAsync("0000", [People.Stranger("Z-1")]));
    }

    [Fact]
    public async Task Missing_or_malformed_ids_are_invalid()
    {
        Assert.Equal(["record_id"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Registry.GetRecordAsync(new GetRecordRequest()).ResponseAsync)).ViolatedFields());
        Assert.Equal(["batch_id"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Batches.StartBatchAsync(new StartBatchRequest()).ResponseAsync)).ViolatedFields());
        Assert.Equal(["case_id"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Review.GetCaseAsync(new GetCaseRequest { CaseId = "abc" }).ResponseAsync)).ViolatedFields());
        Assert.Equal(["etag"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Review.ResolveCaseAsync(new ResolveCaseRequest { CaseId = "1", Decisions = { new FieldDecision { Field = "full_name", Action = DecisionAction.KeepRegistry } } }).ResponseAsync)).ViolatedFields());
        Assert.Equal(["unit"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = "Phường 5" }).ResponseAsync)).ViolatedFields());
    }

    [Fact]
    public async Task Paging_rejects_negative_sizes_and_foreign_tokens()
    {
        Assert.Equal(["page_size"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Batches.ListBatchesAsync(new ListBatchesRequest { PageSize = -1 }).ResponseAsync)).ViolatedFields());
        Assert.Equal(["page_token"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Batches.ListBatchesAsync(new ListBatchesRequest { PageToken = "not-a-token" }).ResponseAsync)).ViolatedFields());

        await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, FormsHash = "paging" });
        await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, FormsHash = "paging" });
        var first = await Server.Batches.ListBatchesAsync(new ListBatchesRequest { PageSize = 1, FormsHash = "paging" });
        Assert.NotEmpty(first.NextPageToken);
        // The token belongs to the forms_hash filter it was made for.
        Assert.Equal(["page_token"], (await Rpc.FailsWith(StatusCode.InvalidArgument,
            () => Server.Batches.ListBatchesAsync(new ListBatchesRequest { PageSize = 1, PageToken = first.NextPageToken, FormsHash = "other" }).ResponseAsync)).ViolatedFields());
        var second = await Server.Batches.ListBatchesAsync(new ListBatchesRequest { PageSize = 1, FormsHash = "paging", PageToken = first.NextPageToken });
        Assert.NotEqual(first.Batches[0].BatchId, Assert.Single(second.Batches).BatchId);
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task Batch_calls_in_the_wrong_state_fail_the_precondition()
    {
        var empty = (await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        Assert.Equal("BATCH_EMPTY", (await Rpc.FailsWith(StatusCode.FailedPrecondition,
            () => Server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = empty.BatchId }).ResponseAsync)).Reason());

        await Server.AddFormsAsync(empty.BatchId, [People.Stranger("W-1")]);
        await Server.Batches.CancelBatchAsync(new CancelBatchRequest { BatchId = empty.BatchId });
        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => Server.AddFormsAsync(empty.BatchId, [People.Stranger("W-2")]));
        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => Server.Batches.CancelBatchAsync(new CancelBatchRequest { BatchId = empty.BatchId }).ResponseAsync);
        await Rpc.FailsWith(StatusCode.FailedPrecondition, () => Server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = empty.BatchId }).ResponseAsync);
    }

    [Fact]
    public async Task Forms_of_one_stream_must_name_one_batch()
    {
        var a = (await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        var b = (await Server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit })).Batch;
        using var call = Server.Batches.AddForms();
        await call.RequestStream.WriteAsync(new AddFormsRequest { BatchId = a.BatchId, Forms = { People.Stranger("V-1") } });
        await call.RequestStream.WriteAsync(new AddFormsRequest { BatchId = b.BatchId, Forms = { People.Stranger("V-2") } });
        await call.RequestStream.CompleteAsync();
        Assert.Equal(["batch_id"], (await Rpc.FailsWith(StatusCode.InvalidArgument, () => call.ResponseAsync)).ViolatedFields());
        // The first message was accepted and is kept.
        Assert.Equal(1, (await Server.Batches.GetBatchAsync(new GetBatchRequest { BatchId = a.BatchId })).Batch.FormCount);
    }
}
