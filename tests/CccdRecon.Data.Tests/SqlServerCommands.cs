using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Errors;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CccdRecon.Data.Tests;

/// <summary>
/// The stores on SQL Server with no server: registered as a host registers them (<c>AddReconData</c> with
/// Provider=SqlServer, <c>AddReconStores</c>), but no connection is opened and no transaction begun, and every command
/// EF Core would send is kept (its text and parameters) and answered with no rows. A store call thus runs as far as its
/// first read that needs a row; the commands up to there are the store's own, as SqlClient would be given them.
/// </summary>
internal sealed class SqlServerCommands : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public SqlServerCommands()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(7)));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddOptions<StoreLimits>();
        services.AddSingleton<IInterceptor>(new NoConnection());
        services.AddSingleton<IInterceptor>(new NoTransaction());
        services.AddSingleton<IInterceptor>(new Kept(Commands));
        services.AddReconData(new DatabaseOptions { Provider = DatabaseProvider.SqlServer }, "Server=127.0.0.1;Database=Unused;TrustServerCertificate=true");
        services.AddSingleton(new RegistryIndex(new DateOnly(2026, 11, 22)));
        services.AddSingleton(sp => new Reconciler(sp.GetRequiredService<RegistryIndex>(), new MatchingOptions(), time));
        services.AddReconStores();
        _services = services.BuildServiceProvider();
    }

    /// <summary>Every command taken: its text and how many parameters it has.</summary>
    public List<(string Sql, int Parameters)> Commands { get; } = [];

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Runs a store call as far as it goes without rows; what stops it is expected (no row to read).</summary>
    public async Task RunAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is InvalidOperationException or StoreException or DbUpdateConcurrencyException)
        {
            // No rows: "sequence contains no elements", not found, no row updated. (The bulk writer's statements are
            // parsed apart: SqlBulkCopy needs a live SqlConnection.)
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>Lets EF Core go on as if the connection were open: none is.</summary>
    private sealed class NoConnection : DbConnectionInterceptor
    {
        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
            => InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(InterceptionResult.Suppress());

        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
            => InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
            => ValueTask.FromResult(InterceptionResult.Suppress());
    }

    /// <summary>A transaction that is never begun on a server (<see cref="Unbegun"/>).</summary>
    private sealed class NoTransaction : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result)
            => InterceptionResult<DbTransaction>.SuppressWithResult(new Unbegun(connection, eventData.IsolationLevel));

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(TransactionStarting(connection, eventData, result));
    }

    /// <summary>Commit, rollback and savepoints do nothing.</summary>
    private sealed class Unbegun(DbConnection connection, IsolationLevel isolationLevel) : DbTransaction
    {
        public override IsolationLevel IsolationLevel => isolationLevel;
        public override bool SupportsSavepoints => true;
        protected override DbConnection DbConnection => connection;
        public override void Commit() { }
        public override void Rollback() { }
        public override void Save(string savepointName) { }
        public override void Rollback(string savepointName) { }
        public override void Release(string savepointName) { }
    }

    /// <summary>Gives EF Core a command that keeps what it would send and answers with no rows.</summary>
    private sealed class Kept(List<(string Sql, int Parameters)> commands) : DbCommandInterceptor
    {
        public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result)
            => InterceptionResult<DbCommand>.SuppressWithResult(new KeptCommand(commands));
    }

    private sealed class KeptCommand(List<(string Sql, int Parameters)> commands) : DbCommand
    {
        // SqlClient's own collection, as SqlCommand has it: the provider's parameters go in as they would to SqlClient.
        private readonly SqlParameterCollection _parameters = new SqlCommand().Parameters;

        [AllowNull]
        public override string CommandText { get; set; } = "";
        public override int CommandTimeout { get; set; }
        public override CommandType CommandType { get; set; }
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get; set; }
        protected override DbParameterCollection DbParameterCollection => _parameters;
        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel() { }
        public override void Prepare() { }

        // The SQL Server provider sets SqlDbType and sizes on the parameters it is given.
        protected override DbParameter CreateDbParameter() => new SqlParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            Keep();
            return new DataTable().CreateDataReader();
        }

        public override int ExecuteNonQuery()
        {
            Keep();
            return 0;
        }

        public override object? ExecuteScalar()
        {
            Keep();
            return null;
        }

        private void Keep()
        {
            lock (commands)
            {
                commands.Add((CommandText, _parameters.Count));
            }
        }
    }
}
