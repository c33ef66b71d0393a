using Grpc.Core;

namespace CccdRecon.Server.Hosting;

/// <summary>
/// The read side of an upload whose messages are gathered into large writes (a registry import, a batch's forms):
/// the stream's messages, each checked as it arrives. When a message is refused, or the stream breaks (the client went
/// away, a malformed message), what was gathered from the messages before it is written first, as it would have been
/// one message at a time, and the failure goes on to the caller: what was sent whole is kept.
/// </summary>
internal static class GatheredUpload
{
    /// <summary>
    /// Reads the stream (<see cref="ReadCheckedAsync"/>) and writes what it gathers, one write behind the stream
    /// (<see cref="WriteBehind"/>): a gathered write runs while the next messages are received and checked. The writes are
    /// not cancellable (a write once started completes, the client may be gone) and keep the stream's order.
    /// </summary>
    /// <param name="check">Refuses a message (throws) before it is gathered.</param>
    /// <param name="hasGathered">Whether messages are gathered and not yet taken for a write.</param>
    /// <param name="writesFirst">Whether what is gathered must be written before the message is gathered.</param>
    /// <param name="gather">Gathers a checked message.</param>
    /// <param name="takeGathered">Takes what is gathered (gathering starts again empty) and returns its write.</param>
    public static async Task ReadAndWriteAsync<TMessage>(IAsyncStreamReader<TMessage> requestStream, Action<TMessage> check, Func<bool> hasGathered,
        Func<TMessage, bool> writesFirst, Action<TMessage> gather, Func<Func<Task>> takeGathered, CancellationToken cancellationToken)
    {
        var writes = new WriteBehind();
        async Task WriteTheRestAsync()
        {
            await writes.FinishAsync();
            if (hasGathered())
            {
                await takeGathered()();
            }
        }
        try
        {
            await foreach (var message in ReadCheckedAsync(requestStream, check, () => hasGathered() || writes.IsPending, WriteTheRestAsync, cancellationToken))
            {
                if (hasGathered() && writesFirst(message))
                {
                    await writes.StartAsync(takeGathered());
                }
                gather(message);
            }
            await WriteTheRestAsync();
        }
        finally
        {
            await writes.SettleAsync();
        }
    }

    /// <param name="check">Refuses a message (throws) before it is gathered.</param>
    /// <param name="hasGathered">Whether messages are gathered and not yet written.</param>
    /// <param name="writeGathered">Writes the gathered messages (not cancellable: the client may be gone) and forgets them.</param>
    private static async IAsyncEnumerable<TMessage> ReadCheckedAsync<TMessage>(IAsyncStreamReader<TMessage> requestStream,
        Action<TMessage> check, Func<bool> hasGathered, Func<Task> writeGathered,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            TMessage message;
            try
            {
                if (!await requestStream.MoveNext(cancellationToken))
                {
                    yield break;
                }
                message = requestStream.Current;
                check(message);
            }
            catch (Exception) when (hasGathered())
            {
                await writeGathered();
                throw;
            }
            yield return message;
        }
    }
}
