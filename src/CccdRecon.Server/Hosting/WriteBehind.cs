namespace CccdRecon.Server.Hosting;

/// <summary>
/// The writes of a gathered upload (<see cref="GatheredUpload"/>) one behind the stream: a gathered write runs in the
/// background while the next messages are received and checked, and the next write starts only once it is done, so the
/// writes keep the stream's order and one is in flight at most. A failed write fails the call at the next write, or
/// when the stream ends.
/// </summary>
internal sealed class WriteBehind
{
    private Task? _pending;

    /// <summary>A write was started and its outcome is not observed yet.</summary>
    public bool IsPending => _pending is not null;

    /// <summary>Waits for the write in flight (its failure is thrown here), then starts <paramref name="write"/> in the background.</summary>
    public async Task StartAsync(Func<Task> write)
    {
        await FinishAsync();
        _pending = Task.Run(write);
    }

    /// <summary>Waits for the write in flight, if any; its failure is thrown here.</summary>
    public async Task FinishAsync()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            await pending;
        }
    }

    /// <summary>
    /// When the call ends by another failure: waits for the write in flight, so that none runs on after the call, and
    /// leaves the call's own failure to go on (a failed write at this point adds nothing the client can act on).
    /// </summary>
    public async Task SettleAsync()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            try
            {
                await pending;
            }
            catch (Exception) when (pending.IsFaulted || pending.IsCanceled)
            {
                // Observed: the call already fails for the reason it is unwinding.
            }
        }
    }
}
