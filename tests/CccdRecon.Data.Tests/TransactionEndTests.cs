using System.Data.Common;
using CccdRecon.Data.Batches;
using CccdRecon.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Data.Tests;

/// <summary>
/// A transaction whose caller goes away (a client that disconnects, a batch's work ended by the lease renewal that finds
/// it finished, a server stopping) ends without a fault in the log: issue 13's 400k runs on PostgreSQL logged EF Core's
/// "fail: …Database.Transaction[20205] An error occurred using a transaction" after some batches. The caller's token is
/// cancelled here at the exact step (a test interceptor), not at a time.
/// </summary>
public sealed class TransactionEndTests
{
    private static readonly BatchWorker Worker = new("instance-a", TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_chunk_write_that_finds_the_batch_ended_rolls_back_to_the_end_when_its_caller_goes_away_meanwhile()
    {
        var (host, cancelAt, store, batchId) = await HostAsync(CancelAt.Step.Rollback, started: true);
        await using var _ = host;
        var through = await FinishAsync(host, store, batchId);

        // The matcher's empty last chunk, written after the chunk that finished the batch: it finds the batch done and
        // rolls back, and just then the lease renewal finds the batch ended and ends the work (the processor's abort).
        cancelAt.Arm(host.Logs);
        var written = await store.WriteChunkAsync(batchId, Worker, through, [], [], cancelAt.Token);

        Assert.True(cancelAt.Token.IsCancellationRequested);
        Assert.False(written.Written);
        Assert.Empty(host.Logs.WarningsAndErrors);
    }

    [Fact]
    public async Task A_chunk_whose_caller_goes_away_as_it_commits_is_committed_and_says_so()
    {
        var (host, cancelAt, store, batchId) = await HostAsync(CancelAt.Step.Commit, started: true);
        await using var _ = host;
        var leased = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(Worker, default));
        var forms = await store.PendingFormsAsync(batchId, leased.ProcessedThrough, 10, default);

        // The batch's last chunk: the work is ended (a cancel, a stop past its timeout) as its commit is under way. A commit
        // cut short leaves the caller not knowing whether the chunk was written; once started it is let finish.
        cancelAt.Arm(host.Logs);
        var written = await store.WriteChunkAsync(batchId, Worker, leased.ProcessedThrough, forms, BatchLeaseTests.Match(host, forms), cancelAt.Token);

        Assert.True(cancelAt.Token.IsCancellationRequested);
        Assert.True(written.Written && written.Finished);
        Assert.Equal(2, (await store.GetAsync(batchId, default)).ProcessedCount);
        await AssertEndedQuietlyAsync(host, store, batchId, BatchRunState.Succeeded);
    }

    [Fact]
    public async Task A_change_whose_caller_goes_away_while_it_saves_is_rolled_back_without_a_fault_in_the_log()
    {
        // A cancel request whose client disconnects as its audit event is saved (the batch row is already updated in the
        // same transaction): nothing of it is kept, and the provider has no savepoint to roll back to with a cancelled token.
        var thrown = await CutAsync(CancelAt.Step.SaveChanges, started: true, (store, batchId, token) => store.CancelAsync(batchId, StoreHost.Admin, token),
            BatchRunState.Running);

        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
    }

    [Fact]
    public async Task A_start_whose_caller_goes_away_as_its_save_commits_is_committed_without_a_fault_in_the_log()
    {
        // A start request whose client disconnects as the save (the batch row and its audit event: EF Core's own
        // transaction) commits. The start is kept, as if the client had gone a moment later; the statistics refreshed
        // after the save are left for a caller that is gone (cancelled, or done if already under way).
        var thrown = await CutAsync(CancelAt.Step.Commit, started: false, (store, batchId, token) => store.StartAsync(batchId, StoreHost.Admin, token),
            BatchRunState.Running);

        Assert.True(thrown is null or OperationCanceledException, thrown?.ToString());
    }

    /// <summary>
    /// Calls <paramref name="call"/> on a batch of two forms (running when <paramref name="started"/>) with its token
    /// cancelled at <paramref name="step"/>; checks that the batch is then in <paramref name="state"/> and that nothing
    /// was logged as a warning or an error. What the call threw, if anything.
    /// </summary>
    private static async Task<Exception?> CutAsync(CancelAt.Step step, bool started, Func<BatchStore, string, CancellationToken, Task> call, BatchRunState state)
    {
        var (host, cancelAt, store, batchId) = await HostAsync(step, started);
        await using var _ = host;
        cancelAt.Arm(host.Logs);
        var thrown = await Record.ExceptionAsync(() => call(store, batchId, cancelAt.Token));
        Assert.True(cancelAt.Token.IsCancellationRequested);
        await AssertEndedQuietlyAsync(host, store, batchId, state);
        return thrown;
    }

    [Fact]
    public async Task A_transaction_step_that_fails_is_logged_once_with_the_step_and_its_exception()
    {
        await using var host = await StoreHost.StartAsync();
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();

        // A rollback asked with a token already cancelled: what the chunk write did before (issue 13). Run as the stores
        // run a transaction, through the provider's execution strategy (PostgreSQL's refuses one begun outside it).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Batches.CountAsync();
            host.Logs.Clear();
            await db.Database.RollbackTransactionAsync(new CancellationToken(canceled: true));
        }));

        // One error, naming the step and carrying the exception (EF Core's own line had neither, and is left at Debug).
        var fault = Assert.Single(host.Logs.WarningsAndErrors);
        Assert.Equal((LogLevel.Error, typeof(TransactionFaults).FullName, "A database transaction failed at Rollback"), (fault.Level, fault.Category, fault.Message));
        Assert.IsAssignableFrom<OperationCanceledException>(fault.Exception);
    }

    /// <summary>A host whose next transaction is cut at <paramref name="step"/> once armed, with a batch of two forms (running when <paramref name="started"/>).</summary>
    private static async Task<(StoreHost Host, CancelAt CancelAt, BatchStore Store, string BatchId)> HostAsync(CancelAt.Step step, bool started)
    {
        var cancelAt = new CancelAt(step);
        var host = await StoreHost.StartAsync(interceptors: cancelAt);
        var batchId = started ? await BatchLeaseTests.RunningBatchAsync(host, forms: 2) : await BatchLeaseTests.OpenBatchAsync(host, forms: 2);
        return (host, cancelAt, host.Get<BatchStore>(), batchId);
    }

    /// <summary>The batch is in <paramref name="state"/>, and nothing was logged as a warning or an error since the cut was armed.</summary>
    private static async Task AssertEndedQuietlyAsync(StoreHost host, BatchStore store, string batchId, BatchRunState state)
    {
        Assert.Equal(state, (await store.GetAsync(batchId, default)).State);
        Assert.Empty(host.Logs.WarningsAndErrors);
    }

    /// <summary>Writes the running batch's forms as one chunk by <see cref="Worker"/>: it has succeeded. Its cursor after.</summary>
    private static async Task<long> FinishAsync(StoreHost host, BatchStore store, string batchId)
    {
        var leased = Assert.IsType<LeasedBatch>(await store.LeaseNextAsync(Worker, default));
        var forms = await store.PendingFormsAsync(batchId, leased.ProcessedThrough, 10, default);
        Assert.True((await store.WriteChunkAsync(batchId, Worker, leased.ProcessedThrough, forms, BatchLeaseTests.Match(host, forms), default)).Finished);
        return forms[^1].Position;
    }

    /// <summary>Cancels <see cref="Token"/> at one step of the next transaction once armed: the caller goes away exactly then.</summary>
    private sealed class CancelAt(CancelAt.Step step) : DbTransactionInterceptor, IDbCommandInterceptor
    {
        public enum Step
        {
            Rollback,
            Commit,
            SaveChanges,
        }

        private readonly CancellationTokenSource _source = new();
        private volatile bool _armed;

        public CancellationToken Token => _source.Token;

        /// <summary>Arms the cut; the lines logged so far (the host's start, the batch's setup) are forgotten.</summary>
        public void Arm(CapturedLogs logs)
        {
            logs.Clear();
            _armed = true;
        }

        public override ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
            => At(Step.Rollback, result);

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
            => At(Step.Commit, result);

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
            => eventData.CommandSource == CommandSource.SaveChanges ? At(Step.SaveChanges, result) : ValueTask.FromResult(result);

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
            => eventData.CommandSource == CommandSource.SaveChanges ? At(Step.SaveChanges, result) : ValueTask.FromResult(result);

        private ValueTask<T> At<T>(Step now, T result)
        {
            if (_armed && now == step)
            {
                _armed = false;
                _source.Cancel();
            }
            return ValueTask.FromResult(result);
        }
    }
}
