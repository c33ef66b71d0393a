using CccdRecon.Data.Health;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Security;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CccdRecon.Server.Hosting;

/// <summary>
/// Whether the server serves a call at all. Once the database is lost (<see cref="DatabaseState"/>) every call but health
/// is refused UNAVAILABLE before the service runs, so not even an online reconciliation is answered without its audit
/// event. When the server begins to stop (SIGTERM), request streams (ImportRecords, AddForms, ReconcileStream) take no
/// more messages and end UNAVAILABLE (reason SHUTTING_DOWN): what was committed stays, the answers already computed are
/// sent, and the client resumes against the restarted server, instead of holding the stop until its timeout.
/// </summary>
internal sealed class ServingInterceptor(DatabaseState database, IHostApplicationLifetime lifetime) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(new UntilStopping<TRequest>(requestStream, lifetime.ApplicationStopping), context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(new UntilStopping<TRequest>(requestStream, lifetime.ApplicationStopping), responseStream, context);
    }

    /// <summary>Health answers NOT_SERVING itself; everything else is refused once the database is lost.</summary>
    private void Admit(ServerCallContext context)
    {
        if (database.Problem is { } problem && RpcPermissions.ServiceOf(context.Method) != RpcPermissions.Health)
        {
            throw RpcErrors.From(new Data.Errors.DatabaseUnavailableException(problem));
        }
    }

    /// <summary>A request stream that ends UNAVAILABLE once the server is stopping.</summary>
    private sealed class UntilStopping<T>(IAsyncStreamReader<T> inner, CancellationToken stopping) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (stopping.IsCancellationRequested)
            {
                throw RpcErrors.ShuttingDown();
            }
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
            try
            {
                return await inner.MoveNext(either.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw RpcErrors.ShuttingDown();
            }
        }
    }
}
