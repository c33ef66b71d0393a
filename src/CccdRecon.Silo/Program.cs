using CccdRecon.Cluster.Hosting;
using CccdRecon.Silo;

// cccdrecon-silo            run a silo (configuration: appsettings.json, Cluster__Key environment variables, --Cluster:Key=value)
// cccdrecon-silo import F   load a registry CSV (docs/interchange.md) into the running cluster as a new run
if (args.Length > 0 && args[0] == "import")
    return await RegistryImport.RunAsync(args[1..]);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var options = SiloSettings.Read(builder.Configuration);
if (options.Problems.Count > 0)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, options.Problems));
    return 2;
}
builder.UseOrleans(silo => silo.UseCccdReconSilo(builder.Configuration, options));
await builder.Build().RunAsync();
return 0;
