using System.Diagnostics;
using System.Security.Claims;
using Grpc.Core;

namespace CccdRecon.Server.Security;

/// <summary>
/// Who is calling, as the access check found it: the token's subject, the role that granted this call, the units
/// the token serves and the request's trace id. Stores take it to scope queries and to write audit events.
/// </summary>
internal sealed record Caller(string Subject, string Role, IReadOnlyList<string> Units, string TraceId)
{
    private static readonly object Key = new();

    /// <summary>Administrators see every unit; everyone else only the units in the token.</summary>
    public bool SeesAllUnits => Role == Contracts.Security.Roles.Admin;

    public bool Serves(string unit) => SeesAllUnits || Units.Contains(unit, StringComparer.Ordinal);

    /// <summary>The caller of this call, set by <see cref="AccessInterceptor"/> before the service method runs.</summary>
    public static Caller Of(ServerCallContext context)
        => context.GetHttpContext().Items[Key] as Caller
            ?? throw new InvalidOperationException("no caller: the access interceptor did not run for " + context.Method);

    public static Caller Create(HttpContext http, string role, AuthOptions auth)
    {
        var user = http.User;
        var units = user.FindAll(auth.UnitClaim)
            .SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var caller = new Caller(SubjectOf(user) ?? "", role, units, TraceIdOf(http));
        http.Items[Key] = caller;
        return caller;
    }

    public static string? SubjectOf(ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? user.Identity?.Name;

    /// <summary>The W3C trace id (the caller's, when it sent a <c>traceparent</c>), else ASP.NET Core's request id.</summary>
    private static string TraceIdOf(HttpContext http)
        => Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : http.TraceIdentifier;
}
