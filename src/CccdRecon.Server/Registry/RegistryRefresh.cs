using CccdRecon.Data.Registry;
using CccdRecon.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CccdRecon.Server.Registry;

/// <summary>
/// Keeps the in-memory registry index current when several server instances share a database: every
/// <c>Batch:RegistryRefreshInterval</c> it loads the records other instances imported (their registry versions), so
/// an online call on this instance sees them within that interval, and a batch sees them before it starts.
/// </summary>
internal sealed class RegistryRefresh(RegistryStore registry, ReadinessCheck readiness, IOptions<BatchOptions> options, TimeProvider time,
    ILogger<RegistryRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.RegistryRefreshInterval, time, stoppingToken);
                if (!readiness.IsReady)
                {
                    continue;
                }
                var loaded = await registry.RefreshIndexAsync(stoppingToken);
                if (loaded > 0)
                {
                    Log.RegistryRefreshed(logger, loaded);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.RegistryRefreshFailed(logger, ex);
            }
        }
    }
}
