using System.Diagnostics;
using CccdRecon.Core.Access;
using CccdRecon.Data.Access;
using Microsoft.AspNetCore.Http;

namespace CccdRecon.Web.Console;

/// <summary>
/// The signed-in member of staff of one console request, as the stores see them: a <see cref="Caller"/> built by the rules
/// the gRPC API uses (<see cref="Callers"/>), so scope and audit are the same whichever way a reviewer works.
/// </summary>
public sealed class ConsoleSession(IHttpContextAccessor accessor, ConsoleIdentity identity)
{
    private Caller? _caller;

    public bool IsSignedIn => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
        && Callers.GrantedRole(user, [Roles.Reviewer]) is not null;

    public Caller Caller => _caller ??= Build();

    public bool IsAdmin => Caller.Role == Roles.Admin;

    private Caller Build()
    {
        var http = accessor.HttpContext ?? throw new InvalidOperationException("no request");
        var role = Callers.GrantedRole(http.User, [Roles.Reviewer])
            ?? throw new InvalidOperationException("the console's authorization policy let a user without the reviewer role in");
        var trace = Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : http.TraceIdentifier;
        return Callers.From(http.User, role, identity.UnitClaim, trace);
    }
}
