using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Data.Tests;

/// <summary>The log lines of a <see cref="StoreHost"/>: level, category, event id and message, in the order written.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    /// <summary>The lines a host's log would show as warnings or errors ("warn:", "fail:").</summary>
    public IReadOnlyList<LogLine> WarningsAndErrors => Lines.Where(l => l.Level >= LogLevel.Warning).ToList();

    /// <summary>Forgets the lines so far (a migration's warnings at the start): what follows is the test's own.</summary>
    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    public sealed record LogLine(LogLevel Level, string Category, int EventId, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}[{EventId}] {Message} {Exception?.GetType().Name}";
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue(new LogLine(logLevel, category, eventId.Id, formatter(state, exception), exception));
    }
}
