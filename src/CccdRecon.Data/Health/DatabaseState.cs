using CccdRecon.Data.Errors;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Data.Health;

/// <summary>
/// Whether the database can still be trusted with writes. Once it is lost (the SQLite file deleted or replaced under the
/// running process, or found corrupt) it stays lost until the process restarts: every store call and every gRPC call
/// fails UNAVAILABLE, health reports NOT_SERVING and the background writers stop, so nothing is acknowledged that would
/// not survive a restart. Logged once, as critical.
/// </summary>
public sealed class DatabaseState(ILogger<DatabaseState> logger)
{
    private readonly CancellationTokenSource _lost = new();
    private string? _problem;

    public bool IsLost => Volatile.Read(ref _problem) is not null;

    /// <summary>What went wrong (paths and SQLite codes, never data), or null.</summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>Cancelled when the database is lost.</summary>
    public CancellationToken Lost => _lost.Token;

    public void MarkLost(string problem)
    {
        if (Interlocked.CompareExchange(ref _problem, problem, null) is null)
        {
            Log.DatabaseLost(logger, problem);
            _lost.Cancel();
        }
    }

    /// <exception cref="DatabaseUnavailableException">The database is lost.</exception>
    public void ThrowIfLost()
    {
        if (Problem is { } problem)
        {
            throw new DatabaseUnavailableException(problem);
        }
    }
}
