using Grpc.Core;

namespace CccdRecon.Server.Errors;

/// <summary>
/// Answers a gRPC call from middleware, before it reaches a service (rate limiting): a "trailers-only" response,
/// the status and its rich details in the headers, as a gRPC server does for a call that fails before any message.
/// </summary>
internal static class GrpcStatusResponse
{
    public static ValueTask WriteAsync(HttpContext http, RpcException error)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(error.Status.Detail);
        foreach (var entry in error.Trailers)
        {
            response.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;
        }
        return ValueTask.CompletedTask;
    }
}
