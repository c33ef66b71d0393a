using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CccdRecon.Server.Telemetry;

/// <summary>Times every database command (<c>cccdrecon.db.command.duration</c>, by kind); the command text is never recorded.</summary>
internal sealed class DatabaseTiming(ReconTelemetry telemetry) : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        => Record("reader", eventData, result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Record("reader", eventData, result));

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        => Record("non_query", eventData, result);

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Record("non_query", eventData, result));

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        => Record("scalar", eventData, result);

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Record("scalar", eventData, result));

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData)
        => telemetry.DatabaseDuration.Record(eventData.Duration.TotalSeconds, new KeyValuePair<string, object?>("db.operation.kind", "failed"));

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandFailed(command, eventData);
        return Task.CompletedTask;
    }

    private T Record<T>(string kind, CommandExecutedEventData eventData, T result)
    {
        telemetry.DatabaseDuration.Record(eventData.Duration.TotalSeconds, new KeyValuePair<string, object?>("db.operation.kind", kind));
        return result;
    }
}
