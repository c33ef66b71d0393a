using System.Diagnostics;
using System.Security.Claims;
using CccdRecon.Data.Access;
using Grpc.Core;

namespace CccdRecon.Server.Security;

/// <summary>
/// The <see cref="Caller"/> of a call, as the access check found it: the token's subject, the role that granted this
/// call, the units the token serves and the request's trace id.
/// </summary>
internal static class CallerContext
{
    private static readonly object Key = new();

    /// <summary>The caller of this call, set by <see cref="AccessInterceptor"/> before the service method runs.</summary>
    public static Caller GetCaller(this ServerCallContext context)
        => context.GetHttpContext().Items[Key] as Caller
            ?? throw new InvalidOperationException("no caller: the access interceptor did not run for " + context.Method);

    /// <summary>The caller of a granted call, built by the rules every host shares (<see cref="Callers"/>).</summary>
    public static Caller Create(HttpContext http, string role, AuthOptions auth)
    {
        var caller = Callers.From(http.User, role, auth.UnitClaim, TraceIdOf(http));
        http.Items[Key] = caller;
        return caller;
    }

    public static string? SubjectOf(ClaimsPrincipal user) => Callers.SubjectOf(user);

    /// <summary>The W3C trace id (the caller's, when it sent a <c>traceparent</c>), else ASP.NET Core's request id.</summary>
    public static string TraceIdOf(HttpContext http)
        => Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : http.TraceIdentifier;
}
