using CccdRecon.Core.Matching;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Registry;
using CccdRecon.Testing;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Tests;

/// <summary>
/// Several server instances on one database (issue 13): a batch is worked on by the instance holding its lease, another
/// takes it over only once the lease has lapsed, and a chunk is written once whoever writes it: a writer that lost the
/// lease, or replays a chunk already written, writes nothing.
/// </summary>
public sealed class BatchLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_lapsed_lease_is_taken_over_and_the_old_holder_writes_nothing_more()
    {
        await using var first = await StoreHost.StartAsync();
        await using var second = await StoreHost.StartAsync(first.Folder);
        var batchId = await RunningBatchAsync(first, forms: 6);
        var (a, b) = (new BatchWorker("instance-a", Lease), new BatchWorker("instance-b", Lease));
        var store = first.Get<BatchStore>();
        var other = second.Get<BatchStore>();

        var leased = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(a, default));
        Assert.Null(await other.LeaseNextAsync(b, default));
        var chunk = await store.PendingFormsAsync(batchId, leased.ProcessedThrough, 2, default);
        Assert.True((await store.WriteChunkAsync(batchId, a, leased.ProcessedThrough, chunk, Match(first, chunk), default)).Written);

        // A stops renewing: once its lease has lapsed, B takes the batch over from where A's last chunk ended.
        second.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var taken = Assert.IsType<LeasedBatch>(await other.LeaseNextAsync(b, default));
        Assert.Equal(("instance-a", chunk[^1].Position), (taken.TakenFrom, taken.ProcessedThrough));

        // A wakes up with a chunk matched: it is refused, and so is a renewal.
        var late = await store.PendingFormsAsync(batchId, chunk[^1].Position, 2, default);
        Assert.False((await store.WriteChunkAsync(batchId, a, chunk[^1].Position, late, Match(first, late), default)).Written);
        Assert.Equal(LeaseRenewal.Lost, await store.RenewLeaseAsync(batchId, a, default));
        Assert.Equal(LeaseRenewal.Renewed, await other.RenewLeaseAsync(batchId, b, default));

        // B finishes the batch; every form has exactly one result.
        var rest = await other.PendingFormsAsync(batchId, taken.ProcessedThrough, 100, default);
        var done = await other.WriteChunkAsync(batchId, b, taken.ProcessedThrough, rest, Match(second, rest), default);
        Assert.True(done.Written && done.Finished);
        var batch = await other.GetAsync(batchId, default);
        Assert.Equal((BatchRunState.Succeeded, 6L), (batch.State, batch.ProcessedCount));
        // A renewal that comes after the last chunk (its timer fired meanwhile) finds the batch ended, not the lease lost
        // to another instance (that was logged after 2 of 9 runs at 400k).
        Assert.Equal(LeaseRenewal.BatchEnded, await other.RenewLeaseAsync(batchId, b, default));
        Assert.Equal(LeaseRenewal.BatchEnded, await store.RenewLeaseAsync(batchId, a, default));
        var results = await other.ListResultsAsync(new ResultQuery(batchId, null, new Paging.PageRequest(100, null)), StoreHost.Admin, default);
        Assert.Equal(6, results.Items.Select(r => r.FormId).Distinct().Count());
        Assert.Null(await store.LeaseNextAsync(a, default));
    }

    [Fact]
    public async Task A_chunk_written_once_is_never_written_again()
    {
        await using var host = await StoreHost.StartAsync();
        var batchId = await RunningBatchAsync(host, forms: 4);
        var worker = new BatchWorker("instance-a", Lease);
        var store = host.Get<BatchStore>();
        var leased = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(worker, default));
        var chunk = await store.PendingFormsAsync(batchId, leased.ProcessedThrough, 2, default);
        var results = Match(host, chunk);

        Assert.True((await store.WriteChunkAsync(batchId, worker, leased.ProcessedThrough, chunk, results, default)).Written);
        // The same chunk again (a retry after a commit whose answer was lost): the cursor has moved, nothing is written.
        Assert.False((await store.WriteChunkAsync(batchId, worker, leased.ProcessedThrough, chunk, results, default)).Written);

        var batch = await store.GetAsync(batchId, default);
        Assert.Equal(2, batch.ProcessedCount);
        Assert.Equal(2, (await store.ListResultsAsync(new ResultQuery(batchId, null, new Paging.PageRequest(100, null)), StoreHost.Admin, default)).Items.Count);
    }

    [Fact]
    public async Task A_chunk_whose_predecessor_was_not_committed_is_not_committed_and_the_resume_does_both_once()
    {
        await using var host = await StoreHost.StartAsync();
        var (batchId, worker, leased, chunks) = await LeasedInChunksAsync(host, 6, 2);
        var (store, first, second) = (host.Get<BatchStore>(), chunks[0], chunks[1]);

        // The first chunk's write fails (a kill, a lost connection) while the second is written beside it: the second's
        // rows must not stay, or the resume from the cursor would skip the first chunk's forms or match its own twice.
        var lost = Task.FromException(new InvalidOperationException("the first chunk's write failed"));
        var rows = await store.PrepareChunkAsync(batchId, second, Match(host, second), default);
        Assert.False((await store.WriteChunkAsync(batchId, worker, first[^1].Position, rows, lost, default)).Written);

        var resumed = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(worker, default));
        Assert.Equal(leased.ProcessedThrough, resumed.ProcessedThrough);
        var rest = await store.PendingFormsAsync(batchId, resumed.ProcessedThrough, 100, default);
        Assert.Equal(first.Concat(second).Select(f => f.Form.FormId), rest.Take(4).Select(f => f.Form.FormId));
        Assert.True((await store.WriteChunkAsync(batchId, worker, resumed.ProcessedThrough, rest, Match(host, rest), default)).Finished);
        await AssertEveryFormOnceAsync(store, batchId, 6);
        // The lost chunk's case ids (taken when it was prepared, on PostgreSQL) are not reused: the resume's cases come
        // after them, still in the batch's order.
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"F{i}"), await CasesByIdAsync(host, batchId));
    }

    [Fact]
    public async Task Two_chunks_written_at_once_commit_in_order()
    {
        await using var host = await StoreHost.StartAsync();
        var (batchId, worker, leased, chunks) = await LeasedInChunksAsync(host, 6, 2);
        var (store, first, second, third) = (host.Get<BatchStore>(), chunks[0], chunks[1], chunks[2]);
        var (firstRows, secondRows, thirdRows) = (await store.PrepareChunkAsync(batchId, first, Match(host, first), default),
            await store.PrepareChunkAsync(batchId, second, Match(host, second), default),
            await store.PrepareChunkAsync(batchId, third, Match(host, third), default));

        // The second chunk's write starts while the first is held back: it must wait for the first to commit, not be
        // refused (the cursor is not where it starts yet) nor commit before it.
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstWrite = Task.Run(async () =>
        {
            await go.Task;
            return await store.WriteChunkAsync(batchId, worker, leased.ProcessedThrough, firstRows, before: null, default);
        });
        var secondWrite = store.WriteChunkAsync(batchId, worker, first[^1].Position, secondRows, firstWrite, default);
        var thirdWrite = store.WriteChunkAsync(batchId, worker, second[^1].Position, thirdRows, secondWrite, default);
        go.SetResult();

        var written = await Task.WhenAll(firstWrite, secondWrite, thirdWrite);
        Assert.All(written, w => Assert.True(w.Written));
        Assert.Equal([0L, 2L, 4L], written.Select(w => w.ProcessedBefore));
        Assert.Equal([false, false, true], written.Select(w => w.Finished));
        await AssertEveryFormOnceAsync(store, batchId, 6);
        // The cases (every form here needs a person) are numbered in the batch's order — the queue's creation order, as
        // the clean records' ids are the intake export's — although the second chunk was sent while the first was held.
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"F{i}"), await CasesByIdAsync(host, batchId));
    }

    [PostgreSqlFact]
    public async Task A_chunks_cases_go_in_beside_the_write_before_and_keep_the_batchs_order()
    {
        await using var host = await StoreHost.StartAsync();
        var (batchId, worker, leased, chunks) = await LeasedInChunksAsync(host, 6, 2);
        var store = host.Get<BatchStore>();
        var rows = new List<ChunkRows>();
        foreach (var chunk in chunks)
        {
            rows.Add(await store.PrepareChunkAsync(batchId, chunk, Match(host, chunk), default));
        }

        // The first chunk's write starts only once another write is seen inserting review cases: the later chunks send
        // theirs while it is held back (their ids were taken as they were prepared), not after it has ended.
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstWrite = Task.Run(async () =>
        {
            await go.Task;
            return await store.WriteChunkAsync(batchId, worker, leased.ProcessedThrough, rows[0], before: null, default);
        });
        var casesSeen = Task.Run(async () =>
        {
            var seen = await CasesInsertedElsewhereAsync(host, TimeSpan.FromSeconds(30));
            go.SetResult();
            return seen;
        });
        var firstAfterCases = Task.Run(async () =>
        {
            await casesSeen;
            return await firstWrite;
        });
        var secondWrite = store.WriteChunkAsync(batchId, worker, chunks[0][^1].Position, rows[1], firstAfterCases, default);
        var thirdWrite = store.WriteChunkAsync(batchId, worker, chunks[1][^1].Position, rows[2], secondWrite, default);

        var written = await Task.WhenAll(firstWrite, secondWrite, thirdWrite);
        Assert.True(await casesSeen);
        Assert.All(written, w => Assert.True(w.Written));
        Assert.Equal([false, false, true], written.Select(w => w.Finished));
        await AssertEveryFormOnceAsync(store, batchId, 6);
        // Inserted last, the first chunk's cases are still numbered first: the queue's creation order is the batch's.
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"F{i}"), await CasesByIdAsync(host, batchId));
    }

    [Fact]
    public async Task A_worker_restarted_under_the_same_name_resumes_its_batch_at_once()
    {
        await using var host = await StoreHost.StartAsync();
        var batchId = await RunningBatchAsync(host, forms: 3);
        var store = host.Get<BatchStore>();
        var before = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(new BatchWorker("instance-a", Lease), default));

        var again = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(new BatchWorker("instance-a", Lease), default));

        Assert.Equal(before.BatchId, again.BatchId);
        Assert.Null(again.TakenFrom);
        Assert.Null(await store.LeaseNextAsync(new BatchWorker("instance-b", Lease), default));
        await store.ReleaseLeaseAsync(batchId, new BatchWorker("instance-a", Lease), default);
        Assert.NotNull(await store.LeaseNextAsync(new BatchWorker("instance-b", Lease), default));
    }

    /// <summary>A running batch of <paramref name="forms"/> forms leased to a worker, and its forms read in chunks of <paramref name="size"/>.</summary>
    private static async Task<(string BatchId, BatchWorker Worker, LeasedBatch Leased, List<IReadOnlyList<PendingForm>> Chunks)> LeasedInChunksAsync(
        StoreHost host, int forms, int size)
    {
        var batchId = await RunningBatchAsync(host, forms);
        var worker = new BatchWorker("instance-a", Lease);
        var store = host.Get<BatchStore>();
        var leased = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(worker, default));
        var chunks = new List<IReadOnlyList<PendingForm>>();
        for (var after = leased.ProcessedThrough; chunks.Count * size < forms; after = chunks[^1][^1].Position)
        {
            chunks.Add(await store.PendingFormsAsync(batchId, after, size, default));
        }
        return (batchId, worker, leased, chunks);
    }

    private static async Task AssertEveryFormOnceAsync(BatchStore store, string batchId, int forms)
    {
        var batch = await store.GetAsync(batchId, default);
        Assert.Equal((BatchRunState.Succeeded, (long)forms), (batch.State, batch.ProcessedCount));
        var results = await store.ListResultsAsync(new ResultQuery(batchId, null, new Paging.PageRequest(100, null)), StoreHost.Admin, default);
        Assert.Equal(Enumerable.Range(0, forms).Select(i => $"F{i}"), results.Items.Select(r => r.FormId));
    }

    private static async Task<List<string>> CasesByIdAsync(StoreHost host, string batchId)
    {
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        return await db.ReviewCases.Where(c => c.BatchId == batchId).OrderBy(c => c.Id).Select(c => c.FormId).ToListAsync();
    }

    /// <summary>
    /// Whether another session holds the lock an insert into <c>ReviewCases</c> takes (PostgreSQL keeps it to the end
    /// of the transaction), asked again until it does or <paramref name="patience"/> has passed.
    /// </summary>
    private static async Task<bool> CasesInsertedElsewhereAsync(StoreHost host, TimeSpan patience)
    {
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        var until = DateTime.UtcNow + patience;
        do
        {
            var holders = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_locks l JOIN pg_class c ON c.oid = l.relation " +
                "WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND c.relname = 'ReviewCases' AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid()").SingleAsync();
            if (holders > 0)
            {
                return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
        while (DateTime.UtcNow < until);
        return false;
    }

    internal static List<Reconciliation> Match(StoreHost host, IReadOnlyList<PendingForm> forms)
        => forms.Select(f => host.Get<Reconciler>().Reconcile(f.Form)).ToList();

    internal static async Task<string> RunningBatchAsync(StoreHost host, int forms)
    {
        var batchId = await OpenBatchAsync(host, forms);
        await host.Get<BatchStore>().StartAsync(batchId, StoreHost.Admin, default);
        return batchId;
    }

    /// <summary>A batch of <paramref name="forms"/> forms F0, F1, … (each of a registry record), not started.</summary>
    internal static async Task<string> OpenBatchAsync(StoreHost host, int forms)
    {
        var records = Enumerable.Range(1, forms).Select(StoreData.Record).ToList();
        await host.Get<RegistryStore>().ImportAsync(new RegistryImport(), records, StoreHost.Admin, default);
        var batches = host.Get<BatchStore>();
        var batch = await batches.CreateAsync(new NewBatch("forms.csv", "", StoreData.Unit), StoreHost.Admin, default);
        await batches.AddFormsAsync(new FormUpload(), batch.Id, records.Select((r, i) => StoreData.FormFor(r, $"F{i}")).ToList(), StoreHost.Admin, default);
        return batch.Id;
    }
}
