using CccdRecon.Data.Errors;
using CccdRecon.Data.Health;
using CccdRecon.Server.Security;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CccdRecon.Server.Errors;

/// <summary>
/// Turns a request the stores refused (<see cref="StoreException"/>) into its AIP-193 status (<see cref="RpcErrors.From"/>),
/// for every kind of call, so the services stay thin and no store knows about gRPC. A refusal is the caller's matter:
/// gRPC logs it as a finished call, never as an error. A lost database (<see cref="DatabaseState"/>) refuses every call.
/// </summary>
internal sealed class StoreErrorInterceptor(DatabaseState database) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
        => Mapped(context, () => continuation(request, context));

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
        => Mapped(context, () => continuation(requestStream, context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        => Mapped(context, async () => { await continuation(request, responseStream, context); return true; });

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
        => Mapped(context, async () => { await continuation(requestStream, responseStream, context); return true; });

    /// <summary>
    /// Also refuses every call once the database is lost (before the service runs, so not even an online reconciliation is
    /// answered without its audit event), and maps any failure of a call that was running when it was lost.
    /// </summary>
    private async Task<T> Mapped<T>(ServerCallContext context, Func<Task<T>> call)
    {
        try
        {
            // Health says NOT_SERVING itself; everything else is refused.
            if (RpcPermissions.ServiceOf(context.Method) != RpcPermissions.Health)
            {
                database.ThrowIfLost();
            }
            return await call();
        }
        catch (StoreException error)
        {
            throw RpcErrors.From(error);
        }
        catch (Exception) when (database.Problem is { } problem)
        {
            throw RpcErrors.From(new DatabaseUnavailableException(problem));
        }
    }
}
