using CccdRecon.Core.Matching;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Intake;
using CccdRecon.Data.Paging;

namespace CccdRecon.Data.Tests;

/// <summary>
/// A batch's download (every page of its results, the export of its clean records) asks whether the batch exists only
/// where the answer is not already known: a page that holds results is of a batch that exists (a result is written only
/// for a batch, and a batch is never deleted), so only an empty page asks, and the export asks once, not once a page.
/// An unknown batch is still reported as not found.
/// </summary>
public sealed class DownloadStatementTests
{
    private const string Unknown = "00000000000000000000000000000000";

    private static int BatchChecks(SentCommands sent) => sent.Commands.Count(c => c.Text.Contains("FROM \"Batches\"", StringComparison.Ordinal));

    /// <summary>
    /// A finished batch of <paramref name="count"/> forms, each of a registry record, with its results written: the odd
    /// ones as the record has it (clean), the even ones with the middle name dropped (flagged for review). The statements
    /// that wrote it are then forgotten.
    /// </summary>
    private static async Task<string> FinishedBatchAsync(StoreHost host, SentCommands sent, int count = 5)
    {
        var records = Enumerable.Range(1, count).Select(StoreData.Record).ToList();
        await host.Get<Registry.RegistryStore>().ImportAsync(new Registry.RegistryImport(), records, StoreHost.Admin, default);
        var store = host.Get<BatchStore>();
        var batch = await store.CreateAsync(new NewBatch("forms.csv", "", StoreData.Unit), StoreHost.Admin, default);
        await store.AddFormsAsync(new FormUpload(), batch.Id, records.Select((r, i) => i % 2 == 0 ? StoreData.FormFor(r, $"F{i}") : StoreData.FormFor(r, $"F{i}") with { FullName = r.FullName, PermanentAddress = r.PermanentAddress }).ToList(), StoreHost.Admin, default);
        await store.StartAsync(batch.Id, StoreHost.Admin, default);
        var worker = new BatchWorker("test", TimeSpan.FromMinutes(1));
        var leased = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(worker, default));
        var forms = await store.PendingFormsAsync(leased.BatchId, leased.ProcessedThrough, count, default);
        var reconciler = host.Get<Reconciler>();
        Assert.True((await store.WriteChunkAsync(leased.BatchId, worker, leased.ProcessedThrough, forms,
            forms.Select(f => reconciler.Reconcile(f.Form)).ToList(), default)).Finished);
        sent.Clear();
        return batch.Id;
    }

    [Fact]
    public async Task Pages_of_results_ask_for_the_batch_only_when_empty()
    {
        await using var host = await StoreHost.StartAsync();
        using var sent = await SentCommands.StartAsync(host);
        var batchId = await FinishedBatchAsync(host, sent);
        var store = host.Get<BatchStore>();
        var listed = new List<Reconciliation>();
        string? token = null;
        do
        {
            var page = await store.ListResultsAsync(new ResultQuery(batchId, null, new PageRequest(2, token), WithExplanations: false), StoreHost.Admin, default);
            listed.AddRange(page.Items);
            token = page.NextPageToken.Length > 0 ? page.NextPageToken : null;
        }
        while (token is not null);
        Assert.Equal(["F0", "F1", "F2", "F3", "F4"], listed.Select(r => r.FormId));
        Assert.Equal(0, BatchChecks(sent));

        // A status the batch has no result of: an empty page, of a batch that exists.
        var statuses = listed.Select(r => r.Status).ToHashSet();
        var absent = Enum.GetValues<MatchStatus>().First(s => !statuses.Contains(s));
        Assert.Empty((await store.ListResultsAsync(new ResultQuery(batchId, absent, new PageRequest(2, null)), StoreHost.Admin, default)).Items);
        Assert.Equal(1, BatchChecks(sent));

        await Assert.ThrowsAsync<NotFoundException>(() => store.ListResultsAsync(new ResultQuery(Unknown, null, new PageRequest(2, null)), StoreHost.Admin, default));
    }

    [Fact]
    public async Task The_export_asks_for_the_batch_once_and_a_listing_only_when_empty()
    {
        await using var host = await StoreHost.StartAsync();
        using var sent = await SentCommands.StartAsync(host);
        var batchId = await FinishedBatchAsync(host, sent);
        var clean = (await host.Get<BatchStore>().GetAsync(batchId, default)).CleanCount;
        Assert.True(clean > 0);
        sent.Clear();
        var intake = host.Get<IntakeStore>();
        var exported = new List<IntakeRecord>();
        await foreach (var record in intake.ExportAsync(batchId, StoreHost.Admin, default))
        {
            exported.Add(record);
        }
        Assert.Equal(clean, exported.Count);
        Assert.Equal(1, BatchChecks(sent));

        sent.Clear();
        Assert.Equal(clean, (await intake.ListAsync(batchId, new PageRequest(0, null), StoreHost.Admin, default)).Items.Count);
        Assert.Equal(0, BatchChecks(sent));

        await Assert.ThrowsAsync<NotFoundException>(() => intake.ListAsync(Unknown, new PageRequest(0, null), StoreHost.Admin, default));
        await Assert.ThrowsAsync<NotFoundException>(async () =>
        {
            await foreach (var _ in intake.ExportAsync(Unknown, StoreHost.Admin, default))
            {
            }
        });
    }
}
