using CccdRecon.Cluster.Partitioning;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Cluster.Hosting;

/// <summary>
/// How a client host waits for its cluster at start (the gRPC server in cluster mode, <c>CccdRecon.Silo import</c>): the
/// Orleans client's connection (no silo up yet: no gateway in the membership table) and the start's first calls (the
/// server publishing the run, which activates every partition: a placement can time out on a loaded machine) are
/// repeated after a transient failure (<see cref="ClusterFaults.IsTransient"/>), each attempt logged, with a backoff of
/// <see cref="FirstDelay"/> doubling to <see cref="MaxDelay"/>, until <see cref="ClusterOptions.StartTimeout"/> has
/// passed since the first failure; then the start fails with a <see cref="ClusterUnreachableException"/>, which the
/// host reports in one line before it exits non-zero. One instance per host: the bound spans the whole start.
/// </summary>
public sealed class ClusterStartRetry(ClusterOptions options, TimeProvider time, ILogger<ClusterStartRetry> logger) : IClientConnectionRetryFilter
{
    /// <summary>The wait after the first failure.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(8);

    private readonly Lock _lock = new();
    private long? _since;
    private int _failures;

    /// <summary>Orleans asks after each failed step of the client's connection: wait and retry, or give up (throws).</summary>
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (cancellationToken.IsCancellationRequested) return false;
        await WaitBeforeRetryAsync("connect to the cluster", exception, cancellationToken);
        return true;
    }

    /// <summary>Runs a start-up call through the cluster (one that may safely run twice), repeated as a connection is.</summary>
    public async Task<T> RunAsync<T>(string step, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        while (true)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (Exception e) when (ClusterFaults.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await WaitBeforeRetryAsync(step, e, cancellationToken);
            }
        }
    }

    /// <summary>The wait before the attempt after <paramref name="failures"/> failures: doubling from <see cref="FirstDelay"/> to <see cref="MaxDelay"/>.</summary>
    public static TimeSpan DelayAfter(int failures)
        => TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(Math.Max(failures - 1, 0), 10)));

    private async Task WaitBeforeRetryAsync(string step, Exception failure, CancellationToken cancellationToken)
    {
        int failures;
        TimeSpan waited;
        lock (_lock)
        {
            _since ??= time.GetTimestamp();
            failures = ++_failures;
            waited = time.GetElapsedTime(_since.Value);
        }
        var delay = DelayAfter(failures);
        if (waited + delay > options.StartTimeout)
        {
            Log.ClusterUnreachable(logger, step, failures, waited.TotalSeconds);
            throw new ClusterUnreachableException(
                $"the cluster did not answer within Cluster:StartTimeout ({options.StartTimeout:c}): {failures} attempts to {step} failed, " +
                $"the last with {ClusterFaults.Describe(failure)}. Start the silos of cluster '{options.ClusterId}' " +
                $"(membership: {options.Membership}, Cluster:MembershipConnectionString), or give them longer with --Cluster:StartTimeout.",
                failure);
        }
        Log.ClusterNotReady(logger, step, failures, waited.TotalSeconds, options.StartTimeout.TotalSeconds, delay.TotalSeconds, ClusterFaults.Describe(failure));
        await Task.Delay(delay, time, cancellationToken);
    }
}

/// <summary>The cluster never answered a client host's start within <see cref="ClusterOptions.StartTimeout"/>: the host reports the message in one line.</summary>
public sealed class ClusterUnreachableException(string message, Exception inner) : Exception(message, inner);
