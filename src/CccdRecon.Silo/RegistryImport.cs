using CccdRecon.Cluster.Hosting;
using CccdRecon.Cluster.Partitioning;
using CccdRecon.Cluster.Routing;
using CccdRecon.Core.Interchange;
using CccdRecon.Core.Matching;
using Microsoft.Extensions.Logging;

namespace CccdRecon.Silo;

/// <summary><c>import REGISTRY.csv [--model MODEL.json]</c>: loads a registry into a running cluster as a new run.</summary>
internal static class RegistryImport
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Settings (--Cluster:Key=value) go to the configuration; the rest is the file and the model.
        var settings = args.Where(a => a.StartsWith("--Cluster:", StringComparison.Ordinal)).ToArray();
        var rest = args.Except(settings).ToArray();
        if (rest.Length is not (1 or 3) || (rest.Length == 3 && rest[1] != "--model"))
        {
            Console.Error.WriteLine("usage: CccdRecon.Silo import REGISTRY.csv [--model MODEL.json] [--Cluster:Key=value ...]");
            return 2;
        }
        args = rest;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings, ContentRootPath = AppContext.BaseDirectory });
        var cluster = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        cluster.Enabled = true;
        if (cluster.RegistrySource == RegistrySourceKind.Database)
        {
            Console.Error.WriteLine("error: with Cluster:RegistrySource=Database the registry is the server's database: import it through the server's RegistryService.ImportRecords");
            return 2;
        }

        List<RegistryRecord> records;
        MatchModel model;
        var rejected = 0;
        try
        {
            await using (var stream = File.OpenRead(args[0]))
                records = InterchangeCsv.ReadRegistry(stream, r => { rejected++; Console.Error.WriteLine($"{args[0]}:{r.Line}: {r.Reason} (row skipped)"); }).ToList();
            model = args.Length == 3 ? ModelFile.Load(args[2]) : MatchModel.Default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ModelFileException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }

        // A start that fails is said in one line below, not by the host's log with its stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.UseOrleansClient(client => client.UseCccdReconCluster(cluster));
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (ClusterUnreachableException unreachable)
        {
            Console.Error.WriteLine($"error: {unreachable.Message}");
            return 1;
        }
        var indexed = await host.Services.GetRequiredService<ClusterImporter>().ImportAsync(records, model);
        Console.WriteLine($"imported {indexed} of {records.Count} registry records ({rejected} rows skipped), model {model.Version}");
        await host.StopAsync();
        return 0;
    }
}
