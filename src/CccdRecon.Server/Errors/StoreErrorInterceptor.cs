using CccdRecon.Data.Errors;
using CccdRecon.Data.Health;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CccdRecon.Server.Errors;

/// <summary>
/// Turns a request the stores refused (<see cref="StoreException"/>) into its AIP-193 status (<see cref="RpcErrors.From"/>),
/// for every kind of call, so the services stay thin and no store knows about gRPC. A refusal is the caller's matter:
/// gRPC logs it as a finished call, never as an error.
/// </summary>
internal sealed class StoreErrorInterceptor(DatabaseState database) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
        => Mapped(() => continuation(request, context));

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
        => Mapped(() => continuation(requestStream, context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        => Mapped(async () => { await continuation(request, responseStream, context); return true; });

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
        => Mapped(async () => { await continuation(requestStream, responseStream, context); return true; });

    /// <summary>A call that fails because the database was lost meanwhile says so (UNAVAILABLE), whatever the exception.</summary>
    private async Task<T> Mapped<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StoreException error)
        {
            throw RpcErrors.From(error);
        }
        catch (Exception ex) when (ex is not RpcException && database.Problem is { } problem)
        {
            throw RpcErrors.From(new DatabaseUnavailableException(problem));
        }
    }
}
