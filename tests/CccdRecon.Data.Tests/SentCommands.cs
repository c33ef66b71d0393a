using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CccdRecon.Data.Tests;

internal sealed record SentCommand(string Text, List<(string Name, System.Data.DbType Type, object? Value)> Parameters);

/// <summary>
/// The statements EF Core executes on one database while this is alive (other tests' databases are ignored). Started
/// before the test's data is written and kept for the whole test: EF Core checks whether anyone listens only now and
/// then, so a listener subscribed just before a statement may miss it.
/// </summary>
internal sealed class SentCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _connectionString;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<SentCommand> _commands = [];

    private SentCommands(string connectionString)
    {
        _connectionString = connectionString;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public static async Task<SentCommands> StartAsync(StoreHost host)
    {
        await using var db = await host.Get<IDbContextFactory<ReconDbContext>>().CreateDbContextAsync();
        return new SentCommands(db.Database.GetConnectionString()!);
    }

    public void Clear()
    {
        lock (_commands)
        {
            _commands.Clear();
        }
    }

    public List<SentCommand> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
            && data.Context?.Database.GetConnectionString() == _connectionString)
        {
            var parameters = data.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.DbType, p.Value)).ToList();
            lock (_commands)
            {
                _commands.Add(new SentCommand(data.Command.CommandText, parameters));
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
