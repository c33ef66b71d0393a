using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using Microsoft.Extensions.Logging.Abstractions;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// The bounded wait of a client host's start for its cluster (<see cref="ClusterStartRetry"/>), on a fake clock: a
/// transient failure is repeated after a doubling backoff until the call answers; past Cluster:StartTimeout the start
/// fails with one clear message; a fault that is not transient is not repeated. The clock moves only when the retry
/// has set its wait, and by exactly that wait (<see cref="WaitWatchingTimeProvider"/>), so a loaded machine cannot
/// make the fake time run ahead of the code under test.
/// </summary>
public sealed class ClusterStartRetryTests
{
    private readonly WaitWatchingTimeProvider _time = new();

    private ClusterStartRetry Retry(TimeSpan bound) =>
        new(new ClusterOptions { ClusterId = "province-79", StartTimeout = bound }, _time, NullLogger<ClusterStartRetry>.Instance);

    [Fact]
    public void The_backoff_doubles_from_the_first_delay_to_the_longest()
    {
        Assert.Equal([1, 2, 4, 8, 8, 8], Enumerable.Range(1, 6).Select(f => ClusterStartRetry.DelayAfter(f).TotalSeconds));
    }

    [Fact]
    public async Task A_call_failing_while_the_cluster_comes_up_is_repeated_until_it_answers()
    {
        var retry = Retry(TimeSpan.FromMinutes(1));
        var calls = 0;
        var started = _time.GetUtcNow();
        var publish = Task.Run(() => retry.RunAsync("publish the registry run", _ =>
            ++calls < 4 ? throw new SiloUnavailableException("no silo yet") : Task.FromResult(42), CancellationToken.None));

        Assert.Equal(42, await DriveAsync(publish));
        Assert.Equal(4, calls);
        // It waited 1 + 2 + 4 s between the attempts.
        Assert.Equal(7, (_time.GetUtcNow() - started).TotalSeconds);
    }

    [Fact]
    public async Task Past_the_bound_the_start_fails_with_one_clear_line_naming_the_bound_the_cluster_and_the_last_fault()
    {
        var retry = Retry(TimeSpan.FromSeconds(5));
        var calls = 0;
        var publish = Task.Run(() => retry.RunAsync<int>("publish the registry run", _ =>
        {
            calls++;
            // What Orleans' placement pipeline throws when a placement outlasts its timeout on a loaded silo.
            throw new Polly.Timeout.TimeoutRejectedException("The operation didn't complete within the allowed timeout of '00:00:30'.");
        }, CancellationToken.None));

        var failure = await Assert.ThrowsAsync<ClusterUnreachableException>(() => DriveAsync(publish));
        // Failed at 0 s, 1 s, 3 s; the next wait (4 s) would pass the 5 s bound.
        Assert.Equal(3, calls);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.StartsWith("the cluster did not answer within Cluster:StartTimeout (00:00:05): 3 attempts to publish the registry run failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Polly.Timeout.TimeoutRejectedException: The operation didn't complete", failure.Message, StringComparison.Ordinal);
        Assert.Contains("cluster 'province-79'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fault_that_is_not_the_cluster_coming_up_is_not_repeated()
    {
        var retry = Retry(TimeSpan.FromMinutes(1));
        var calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => retry.RunAsync<int>("publish the registry run", _ =>
        {
            calls++;
            throw new InvalidOperationException("a bug");
        }, CancellationToken.None));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task The_client_connection_is_retried_within_the_bound_and_given_up_past_it()
    {
        var retry = Retry(TimeSpan.FromSeconds(5));
        var noGateway = new SiloUnavailableException("Could not find any gateway");
        Assert.True(await DriveAsync(Task.Run(() => retry.ShouldRetryConnectionAttempt(noGateway, CancellationToken.None))));
        Assert.True(await DriveAsync(Task.Run(() => retry.ShouldRetryConnectionAttempt(noGateway, CancellationToken.None))));
        var failure = await Assert.ThrowsAsync<ClusterUnreachableException>(() => DriveAsync(Task.Run(() => retry.ShouldRetryConnectionAttempt(noGateway, CancellationToken.None))));
        Assert.Contains("3 attempts to connect to the cluster failed", failure.Message, StringComparison.Ordinal);
        Assert.False(await retry.ShouldRetryConnectionAttempt(noGateway, new CancellationToken(canceled: true)));
    }

    /// <summary>
    /// Runs <paramref name="task"/> to its end on the fake clock: each time the code under test sets a wait, the clock is
    /// moved on by exactly that wait, never before it is set (a clock moved blindly in small steps could race ahead of
    /// a slow thread and make the retry see more time passed than it waited: the flaky failure this replaces).
    /// </summary>
    private async Task<T> DriveAsync<T>(Task<T> task)
    {
        while (true)
        {
            // One read outstanding at a time, kept across calls: a wait set as a task ends is not lost to the next one.
            _nextWait ??= _time.Waits.ReadAsync().AsTask();
            if (await Task.WhenAny(task, _nextWait) == task) return await task;
            var wait = await _nextWait;
            _nextWait = null;
            _time.Advance(wait);
        }
    }

    private Task<TimeSpan>? _nextWait;

    /// <summary>A fake clock that tells the test each wait the code under test sets (the due time of each timer it creates).</summary>
    private sealed class WaitWatchingTimeProvider : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

        public ChannelReader<TimeSpan> Waits => _waits.Reader;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _waits.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}
