namespace CccdRecon.Data.Access;

/// <summary>
/// Who is acting, as the host authenticated them: the token's or session's subject (the audit identity), the role that
/// granted the request, the administrative units they serve and the request's trace id. Stores take it to scope
/// queries (a reviewer sees only the cases of its units) and to write audit events.
/// </summary>
/// <param name="SeesAllUnits">Administrators see every unit; everyone else only <paramref name="Units"/>.</param>
public sealed record Caller(string Subject, string Role, IReadOnlyList<string> Units, string TraceId, bool SeesAllUnits)
{
    public bool Serves(string unit) => SeesAllUnits || Units.Contains(unit, StringComparer.Ordinal);
}
