using CccdRecon.Cluster.Grains;
using CccdRecon.Cluster.Partitioning;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Cluster.Routing;

/// <summary>
/// Calls from a client host to the grains, repeated when lost with a silo: until membership declares it dead, calls to
/// its grains fail or time out; then the grain is activated on a live silo, reloading from its source. Only for calls
/// that read (a reconciliation, a search), which may safely run twice.
/// </summary>
internal sealed class ClusterCalls(ClusterOptions options, TimeProvider time, ILogger logger)
{
    public async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < options.CallAttempts && Hosting.ClusterFaults.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                Log.CallRetried(logger, attempt, options.CallAttempts, e.GetType().Name);
                await Task.Delay(RetryDelay(attempt), time, cancellationToken);
            }
        }
    }

    /// <summary>The run every partition shares, or null before any import.</summary>
    public Task<RegistryRun?> RunAsync(IGrainFactory grains, CancellationToken cancellationToken)
        => CallAsync(() => grains.GetGrain<IRegistryRunGrain>(RunGrainKey.Current).GetAsync(), cancellationToken);

    /// <summary>
    /// Asks every partition named (at most <see cref="ClusterOptions.FanOutConcurrency"/> at once); the answers in the
    /// order of <paramref name="partitions"/>.
    /// </summary>
    public async Task<T[]> FanOutAsync<T>(IGrainFactory grains, IReadOnlyList<string> partitions, Func<IRegistryPartitionGrain, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var answers = new T[partitions.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, partitions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.FanOutConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => answers[i] = await CallAsync(() => call(grains.GetGrain<IRegistryPartitionGrain>(partitions[i])), ct));
        return answers;
    }

    /// <summary>Backoff between attempts: 0.5 s doubling to 4 s (membership needs seconds to declare a silo dead).</summary>
    internal static TimeSpan RetryDelay(int attempt) => TimeSpan.FromMilliseconds(Math.Min(4000, 500 * (1 << Math.Min(attempt - 1, 3))));
}
