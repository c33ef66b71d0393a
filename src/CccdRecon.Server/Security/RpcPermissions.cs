using CccdRecon.Core.Access;

namespace CccdRecon.Server.Security;

/// <summary>
/// Which role each RPC needs. Every method of a service needs the service's role, except the few methods listed on
/// their own; <see cref="Roles.Admin"/> may call everything. A service missing here is admin-only, so a new service is
/// closed until it is listed.
/// </summary>
internal static class RpcPermissions
{
    public const string Health = "grpc.health.v1.Health";

    private static readonly Dictionary<string, string> ServiceRoles = new(StringComparer.Ordinal)
    {
        ["cccdrecon.v1.ReconciliationService"] = Roles.Upstream,
        ["cccdrecon.v1.RegistryService"] = Roles.Registry,
        ["cccdrecon.v1.BatchService"] = Roles.Batch,
        ["cccdrecon.v1.ReviewService"] = Roles.Reviewer,
        ["cccdrecon.v1.IntakeService"] = Roles.Intake,
        ["cccdrecon.v1.AuditService"] = Roles.Admin,
    };

    /// <summary>Methods whose roles differ from their service's: the first role is the one a refusal names.</summary>
    private static readonly Dictionary<string, string[]> MethodRoles = new(StringComparer.Ordinal)
    {
        // Reviewers look for the person of a case they decide; the registry feed may search too.
        ["/cccdrecon.v1.RegistryService/SearchRecords"] = [Roles.Reviewer, Roles.Registry],
        // Handing a colleague's case to someone else is a supervisor's act.
        ["/cccdrecon.v1.ReviewService/ReassignCase"] = [Roles.Admin],
    };

    /// <summary>The roles that may call a method (<c>/package.Service/Method</c>); an administrator always may.</summary>
    public static IReadOnlyList<string> AcceptedRoles(string method)
        => MethodRoles.TryGetValue(method, out var roles) ? roles : [RequiredRole(ServiceOf(method))];

    /// <summary>The service part of a gRPC method path, <c>/package.Service/Method</c>.</summary>
    public static string ServiceOf(string method)
    {
        var slash = method.IndexOf('/', 1);
        return slash > 1 ? method[1..slash] : method.TrimStart('/');
    }

    public static string RequiredRole(string service) => ServiceRoles.GetValueOrDefault(service, Roles.Admin);

    public static bool IsReflection(string service) => service.StartsWith("grpc.reflection.", StringComparison.Ordinal);
}
