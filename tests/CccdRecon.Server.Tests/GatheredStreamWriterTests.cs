extern alias server;

using server::CccdRecon.Server.Hosting;
using Grpc.Core;

namespace CccdRecon.Server.Tests;

public sealed class GatheredStreamWriterTests
{
    private sealed class Recording : IServerStreamWriter<string>
    {
        public List<(string Message, bool Flushed)> Writes { get; } = [];

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(string message)
        {
            Writes.Add((message, ((WriteOptions?.Flags ?? default) & WriteFlags.BufferHint) == 0));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Every_message_is_written_in_order_and_only_every_few_hundredth_is_flushed()
    {
        var stream = new Recording();
        var writer = new GatheredStreamWriter<string>(stream);
        var count = 2 * GatheredStreamWriter<string>.MessagesPerFlush + 10;

        for (var i = 0; i < count; i++)
        {
            await writer.WriteAsync($"m{i}", CancellationToken.None);
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i}"), stream.Writes.Select(w => w.Message));
        Assert.Equal([GatheredStreamWriter<string>.MessagesPerFlush - 1, 2 * GatheredStreamWriter<string>.MessagesPerFlush - 1],
            stream.Writes.Select((w, i) => (w, i)).Where(x => x.w.Flushed).Select(x => x.i));
    }
}
