using System.Net;
using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Data;
using CccdRecon.Data.Registry;
using ClusterMembershipOptions = Orleans.Configuration.ClusterMembershipOptions;
using ClusterOptions = CccdRecon.Cluster.Partitioning.ClusterOptions;

namespace CccdRecon.Silo;

/// <summary>The silo's settings: <see cref="ClusterOptions"/> plus its own endpoints.</summary>
internal sealed class SiloSettings
{
    public required ClusterOptions Cluster { get; init; }

    /// <summary>Silo-to-silo port (Cluster:SiloPort).</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Port clients (the gRPC servers) connect to (Cluster:GatewayPort).</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address other silos and clients reach this one at (Cluster:AdvertisedAddress; loopback by default).</summary>
    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    public List<string> Problems { get; } = [];

    public static SiloSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(ClusterOptions.Section);
        var cluster = section.Get<ClusterOptions>() ?? new ClusterOptions();
        cluster.Enabled = true;
        var settings = new SiloSettings
        {
            Cluster = cluster,
            SiloPort = section.GetValue("SiloPort", 11111),
            GatewayPort = section.GetValue("GatewayPort", 30000),
        };
        var address = section["AdvertisedAddress"];
        if (!string.IsNullOrWhiteSpace(address))
        {
            if (IPAddress.TryParse(address, out var parsed)) settings = new SiloSettings { Cluster = cluster, SiloPort = settings.SiloPort, GatewayPort = settings.GatewayPort, AdvertisedAddress = parsed };
            else settings.Problems.Add($"Cluster:AdvertisedAddress '{address}' is not an IP address.");
        }
        settings.Problems.AddRange(cluster.Validate());
        if (settings.SiloPort is < 1 or > 65535 || settings.GatewayPort is < 1 or > 65535) settings.Problems.Add("Cluster:SiloPort and Cluster:GatewayPort must be TCP ports.");
        return settings;
    }
}

internal static class SiloSetup
{
    public static ISiloBuilder UseCccdReconSilo(this ISiloBuilder silo, IConfiguration configuration, SiloSettings settings)
    {
        var options = settings.Cluster;
        silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(settings.AdvertisedAddress));
        silo.UseCccdReconMembership(options);
        // How fast a dead silo is declared dead (Cluster:Failover:ProbeTimeout, NumMissedProbesLimit, ...; Orleans' defaults otherwise).
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Cluster:Failover"));
        // Cluster:RegistrySource=Database: partitions read the registry the server stores, configured as the server's is.
        var database = options.RegistrySource == RegistrySourceKind.Database
            ? new RegistryReader(configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions(), configuration.GetConnectionString("Recon"))
            : null;
        silo.Services.AddCccdReconGrainServices(options, database: database);
        silo.AddCccdReconPlacement(options);
        return silo;
    }
}
