using System.Net;
using CccdRecon.Data.Access;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace CccdRecon.Server.Security;

/// <summary>
/// Runs before every RPC: no valid token is UNAUTHENTICATED, a token without the RPC's role is PERMISSION_DENIED
/// (both with an ErrorInfo reason). Health is open; reflection is open on loopback in Development, and otherwise
/// needs a valid token. Also bounds the number of messages in a request stream.
/// </summary>
internal sealed class AccessInterceptor(
    IOptions<AuthOptions> auth,
    IOptions<LimitsOptions> limits,
    IHostEnvironment environment) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(new BoundedReader<TRequest>(requestStream, limits.Value.MaxStreamMessages), context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(new BoundedReader<TRequest>(requestStream, limits.Value.MaxStreamMessages), responseStream, context);
    }

    private void Authorize(ServerCallContext context) => Authorize(context.GetHttpContext(), context.Method);

    /// <summary>
    /// The access check of one call, <paramref name="method"/> being its path (<c>/package.Service/Method</c>); throws the
    /// refusal. Also run by <see cref="SecuritySetup.UseReconSecurity"/> before gRPC reads the request, so a caller without
    /// a valid token is refused before its message is parsed.
    /// </summary>
    public void Authorize(HttpContext http, string method)
    {
        var service = RpcPermissions.ServiceOf(method);
        if (service == RpcPermissions.Health)
        {
            return;
        }
        if (RpcPermissions.IsReflection(service) && environment.IsDevelopment()
            && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
        {
            return;
        }
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            throw http.Request.Headers.Authorization.Count == 0 ? RpcErrors.Unauthenticated("TOKEN_MISSING", "a bearer token is required")
                : http.Items.ContainsKey(SecuritySetup.SubjectMissing) ? RpcErrors.Unauthenticated("TOKEN_SUBJECT_MISSING", "the bearer token has no subject (sub), which the audit trail records")
                : RpcErrors.Unauthenticated("TOKEN_INVALID", "the bearer token is invalid or expired");
        }
        if (RpcPermissions.IsReflection(service))
        {
            return;
        }
        var accepted = RpcPermissions.AcceptedRoles(method);
        // Admin first: a token that also carries the service's role still sees every unit.
        var granted = Callers.GrantedRole(user, accepted) ?? throw RpcErrors.PermissionDenied(accepted[0]);
        CallerContext.Create(http, granted, auth.Value);
    }

    /// <summary>A request stream that fails with RESOURCE_EXHAUSTED after too many messages.</summary>
    private sealed class BoundedReader<T>(IAsyncStreamReader<T> inner, int max) : IAsyncStreamReader<T>
    {
        private int _count;

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }
            if (++_count > max)
            {
                throw RpcErrors.ResourceExhausted("STREAM_TOO_LONG", "Limits:MaxStreamMessages", $"a request stream holds at most {max} messages");
            }
            return true;
        }
    }
}
