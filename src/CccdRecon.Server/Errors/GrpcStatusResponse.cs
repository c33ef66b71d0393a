using CccdRecon.Server.Hosting;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

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

    /// <summary>
    /// gRPC's own message-size checks answer RESOURCE_EXHAUSTED without details; this middleware adds the ErrorInfo
    /// and QuotaFailure naming the limit, as every other RESOURCE_EXHAUSTED of the service has.
    /// </summary>
    public static async Task NameMessageLimitsAsync(HttpContext http, RequestDelegate next)
    {
        await next(http);
        var fields = http.Response.HasStarted ? http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers : http.Response.Headers;
        if (fields is null || fields["grpc-status"] != ((int)StatusCode.ResourceExhausted).ToString(System.Globalization.CultureInfo.InvariantCulture)
            || fields.ContainsKey("grpc-status-details-bin") || fields.IsReadOnly)
        {
            return;
        }
        var limits = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LimitsOptions>>().Value;
        var received = Uri.UnescapeDataString(fields["grpc-message"].ToString()).StartsWith("Received", StringComparison.Ordinal);
        var error = received
            ? RpcErrors.ResourceExhausted("MESSAGE_TOO_LARGE", "Limits:MaxReceiveMessageBytes", $"a message may have at most {limits.MaxReceiveMessageBytes} bytes")
            : RpcErrors.ResourceExhausted("RESPONSE_TOO_LARGE", "Limits:MaxSendMessageBytes", $"a response may have at most {limits.MaxSendMessageBytes} bytes");
        foreach (var entry in error.Trailers.Where(e => e.IsBinary))
        {
            fields[entry.Key] = Convert.ToBase64String(entry.ValueBytes).TrimEnd('=');
        }
    }
}
