using CccdRecon.Data.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CccdRecon.Server.Hosting;

/// <summary>
/// Health reflects the database: its provider's probe (SQLite: the file is still the one opened and a new connection
/// reads its schema; a database server: it answers), and a database once lost stays unhealthy (grpc.health.v1
/// NOT_SERVING) until the server is restarted on a good one.
/// </summary>
internal sealed class DatabaseHealthCheck(DatabaseGuard guard, DatabaseState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (state.Problem is { } lost)
        {
            return HealthCheckResult.Unhealthy(lost);
        }
        return await guard.ProbeAsync(cancellationToken) is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy();
    }
}
