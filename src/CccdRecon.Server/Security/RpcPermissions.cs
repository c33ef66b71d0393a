using CccdRecon.Contracts.Security;

namespace CccdRecon.Server.Security;

/// <summary>
/// Which role each RPC needs. Every method of a service needs the same role; <see cref="Roles.Admin"/> may call
/// everything. A service missing here is admin-only, so a new service is closed until it is listed.
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

    /// <summary>The service part of a gRPC method path, <c>/package.Service/Method</c>.</summary>
    public static string ServiceOf(string method)
    {
        var slash = method.IndexOf('/', 1);
        return slash > 1 ? method[1..slash] : method.TrimStart('/');
    }

    public static string RequiredRole(string service) => ServiceRoles.GetValueOrDefault(service, Roles.Admin);

    public static bool IsReflection(string service) => service.StartsWith("grpc.reflection.", StringComparison.Ordinal);
}
