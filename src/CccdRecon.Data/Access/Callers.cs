using System.Security.Claims;
using CccdRecon.Core.Access;

namespace CccdRecon.Data.Access;

/// <summary>
/// The one set of rules that turns an authenticated user (a gRPC bearer token, a console session) into a
/// <see cref="Caller"/>: which role grants the request (an administrator's role first, so a token that also carries the
/// service's role still sees every unit), the subject the audit trail records, and the units the user serves.
/// </summary>
public static class Callers
{
    /// <summary>
    /// The role that grants a request one of <paramref name="accepted"/> may make: <see cref="Roles.Admin"/> when the
    /// user has it, else the first accepted role the user has; null when none (the host refuses the request).
    /// </summary>
    public static string? GrantedRole(ClaimsPrincipal user, IEnumerable<string> accepted)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        if (user.IsInRole(Roles.Admin))
        {
            return Roles.Admin;
        }
        return accepted.FirstOrDefault(user.IsInRole);
    }

    /// <summary>
    /// The caller a granted request acts as. Units come from <paramref name="unitClaim"/>: one claim per unit, or one
    /// claim holding several separated by spaces or commas (as identity providers emit them).
    /// </summary>
    public static Caller From(ClaimsPrincipal user, string grantedRole, string unitClaim, string traceId)
    {
        ArgumentNullException.ThrowIfNull(user);
        var units = user.FindAll(unitClaim)
            .SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new Caller(SubjectOf(user) ?? "", grantedRole, units, traceId, SeesAllUnits: grantedRole == Roles.Admin);
    }

    /// <summary>The subject the audit trail and decisions record: the <c>sub</c> claim, else the identity's name.</summary>
    public static string? SubjectOf(ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? user.Identity?.Name;
}
