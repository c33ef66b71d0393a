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
    /// <param name="check">Refuses a message (throws) before it is gathered.</param>
    /// <param name="hasGathered">Whether messages are gathered and not yet written.</param>
    /// <param name="writeGathered">Writes the gathered messages (not cancellable: the client may be gone) and forgets them.</param>
    public static async IAsyncEnumerable<TMessage> ReadCheckedAsync<TMessage>(IAsyncStreamReader<TMessage> requestStream,
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
