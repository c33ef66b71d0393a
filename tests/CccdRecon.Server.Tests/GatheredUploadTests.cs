extern alias server;

using server::CccdRecon.Server.Hosting;
using Grpc.Core;

namespace CccdRecon.Server.Tests;

/// <summary>
/// A gathered upload (the registry import, AddForms) writes one behind its stream: a gathered write runs while the next
/// messages are received, the writes keep the stream's order, and what was gathered is written before a refused message.
/// </summary>
public sealed class GatheredUploadTests
{
    /// <summary>How long a test waits for what must happen before it fails (a hang, not a timing).</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_next_messages_are_received_while_a_gathered_write_runs()
    {
        var stream = new Messages(1, 2, 3, 4, 5);
        var fourthReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stream.Received = m => { if (m == 4) fourthReceived.TrySetResult(); };
        var written = new List<int[]>();
        var gathered = new List<int>();

        await GatheredUpload.ReadAndWriteAsync(stream, _ => { }, () => gathered.Count > 0, _ => gathered.Count == 2, m => gathered.Add(m), () =>
        {
            var some = gathered.ToArray();
            gathered = [];
            return async () =>
            {
                // The first write (started when message 3 came) ends only once message 4 was received: a write awaited before
                // reading on never would.
                if (written.Count == 0)
                {
                    await fourthReceived.Task.WaitAsync(Guard);
                }
                lock (written)
                {
                    written.Add(some);
                }
            };
        }, CancellationToken.None);

        Assert.Equal([[1, 2], [3, 4], [5]], written);
    }

    [Fact]
    public async Task A_refused_message_fails_the_call_after_every_message_before_it_is_written_in_order()
    {
        var stream = new Messages(1, 2, 3, 4, 5);
        var written = new List<int[]>();
        var gathered = new List<int>();
        var inFlight = 0;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => GatheredUpload.ReadAndWriteAsync(stream,
            m => { if (m == 4) throw new InvalidOperationException("message 4 refused"); }, () => gathered.Count > 0, _ => gathered.Count == 2, m => gathered.Add(m), () =>
            {
                var some = gathered.ToArray();
                gathered = [];
                return async () =>
                {
                    Assert.Equal(1, Interlocked.Increment(ref inFlight));
                    await Task.Yield();
                    lock (written)
                    {
                        written.Add(some);
                    }
                    Interlocked.Decrement(ref inFlight);
                };
            }, CancellationToken.None));

        Assert.Equal("message 4 refused", refused.Message);
        Assert.Equal([[1, 2], [3]], written);
    }

    /// <summary>A request stream of numbered messages.</summary>
    private sealed class Messages(params int[] messages) : IAsyncStreamReader<int>
    {
        private int _next;

        public Action<int>? Received { get; set; }

        public int Current { get; private set; }

        public Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (_next == messages.Length)
            {
                return Task.FromResult(false);
            }
            Current = messages[_next++];
            Received?.Invoke(Current);
            return Task.FromResult(true);
        }
    }
}
