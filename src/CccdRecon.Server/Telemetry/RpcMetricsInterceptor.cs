using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CccdRecon.Server.Telemetry;

/// <summary>
/// Counts and times every gRPC call by service, method and status code (<c>rpc.server.call.duration</c>), and names
/// the call's trace span by its method. Nothing of the request or of the caller is recorded.
/// </summary>
internal sealed class RpcMetricsInterceptor(ReconTelemetry telemetry, TimeProvider time) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        => MeasureAsync(context, () => continuation(request, context));

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
        => MeasureAsync(context, () => continuation(requestStream, context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
        => MeasureAsync(context, async () =>
        {
            await continuation(request, responseStream, context);
            return true;
        });

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
        => MeasureAsync(context, async () =>
        {
            await continuation(requestStream, responseStream, context);
            return true;
        });

    private async Task<T> MeasureAsync<T>(ServerCallContext context, Func<Task<T>> call)
    {
        var started = time.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            var result = await call();
            status = context.Status.StatusCode;
            return result;
        }
        catch (RpcException ex)
        {
            status = ex.StatusCode;
            throw;
        }
        catch (OperationCanceledException)
        {
            status = StatusCode.Cancelled;
            throw;
        }
        catch
        {
            status = StatusCode.Unknown;
            throw;
        }
        finally
        {
            var (service, method) = Split(context.Method);
            telemetry.RpcDuration.Record(time.GetElapsedTime(started).TotalSeconds,
                new("rpc.system", "grpc"), new("rpc.service", service), new("rpc.method", method), new("rpc.grpc.status_code", (int)status));
            if (Activity.Current is { } span)
            {
                span.DisplayName = context.Method.TrimStart('/');
                span.SetTag("rpc.system", "grpc");
                span.SetTag("rpc.service", service);
                span.SetTag("rpc.method", method);
                span.SetTag("rpc.grpc.status_code", (int)status);
            }
        }
    }

    /// <summary><c>/package.Service/Method</c> → (package.Service, Method).</summary>
    private static (string Service, string Method) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash > 0 ? (path[1..slash], path[(slash + 1)..]) : (path.TrimStart('/'), "");
    }
}
