using System.Data.Common;
using CccdRecon.Data.Batches;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The batch processor's reads of the batch's forms (a chunk's, <see cref="BatchStore.PendingFormsAsync"/>, and the
/// training sample, <see cref="BatchStore.TrainingSampleAsync"/>) run inside the provider's
/// execution strategy. Outside one, a retrying strategy (PostgreSQL's, SQL Server's) has EF Core buffer every row of the
/// query as boxed values before materialising any (so that a retry could start again): at 400,000 forms, work and
/// garbage the server paid for once per form. (SQLite's strategy never retries: it streams either way.)
/// </summary>
public sealed class ChunkReadTests
{
    [Fact]
    public async Task A_chunks_forms_are_read_inside_the_execution_strategy()
    {
        var reads = new FormReads();
        await using var host = await StoreHost.StartAsync(interceptors: reads);
        var batchId = await BatchLeaseTests.RunningBatchAsync(host, forms: 5);
        var store = host.Get<BatchStore>();
        reads.Clear();

        var forms = await store.PendingFormsAsync(batchId, 0, 3, default);
        var rest = await store.PendingFormsAsync(batchId, forms[^1].Position, 10, default);

        Assert.Equal(["F0", "F1", "F2", "F3", "F4"], forms.Concat(rest).Select(f => f.Form.FormId));
        Assert.Equal(2, reads.Count);
        Assert.True(reads.AllStreamed);
    }

    [Fact]
    public async Task The_training_sample_is_read_inside_the_execution_strategy()
    {
        var reads = new FormReads();
        await using var host = await StoreHost.StartAsync(interceptors: reads);
        var batchId = await BatchLeaseTests.RunningBatchAsync(host, forms: 3);
        reads.Clear();

        var sample = await host.Get<BatchStore>().TrainingSampleAsync(batchId, 2, default);

        Assert.Equal(["F0", "F1"], sample.Select(f => f.FormId));
        Assert.Equal(1, reads.Count);
        Assert.True(reads.AllStreamed);
    }

    /// <summary>
    /// Each read of the batch's forms, and whether EF Core streamed its rows: it buffers them when the context's execution
    /// strategy would retry at that point (<see cref="Microsoft.EntityFrameworkCore.Storage.IExecutionStrategy.RetriesOnFailure"/>),
    /// which a strategy already running an operation suspends.
    /// </summary>
    private sealed class FormReads : DbCommandInterceptor
    {
        private readonly List<bool> _reads = [];

        public int Count { get { lock (_reads) { return _reads.Count; } } }

        public bool AllStreamed { get { lock (_reads) { return _reads.All(streamed => streamed); } } }

        public void Clear()
        {
            lock (_reads)
            {
                _reads.Clear();
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"BatchForms\"", StringComparison.Ordinal))
            {
                lock (_reads)
                {
                    _reads.Add(!eventData.Context!.Database.CreateExecutionStrategy().RetriesOnFailure);
                }
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
