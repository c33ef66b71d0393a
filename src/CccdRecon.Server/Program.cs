using CccdRecon.Server.Cluster;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Security;
using CccdRecon.Server.Telemetry;
using Microsoft.Extensions.Options;

if (ServerCommandLine.Check(args, Console.Out, Console.Error) is { } exit)
{
    return exit;
}
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddReconHost();
    builder.AddReconSecurity();
    builder.AddReconTelemetry();
    builder.AddReconCluster();
    builder.Services
        .AddReconOptions(builder.Configuration)
        .AddReconStorage(builder.Configuration)
        .AddReconEngine()
        .AddReconServices();

    var app = builder.Build();
    app.Services.GetService<IStartupValidator>()?.Validate();
    await app.OpenDatabaseAsync();
    app.LogTransport();
    app.UseListenerGate();
    app.UseReconSecurity();
    app.UseReconConsoleHost();
    app.MapReconServices();
    app.MapReconConsoleHost();
    app.MapReconTelemetry();
    await app.RunAsync();
    return 0;
}
catch (Exception refused) when (refused is StartupRefusedException or OptionsValidationException)
{
    await Console.Error.WriteLineAsync("error: " + refused.Message);
    return ServerCommandLine.Refused;
}
catch (CccdRecon.Cluster.Hosting.ClusterUnreachableException unreachable)
{
    // Cluster mode: no silo answered within Cluster:StartTimeout (each attempt is logged).
    await Console.Error.WriteLineAsync("error: " + unreachable.Message);
    return ServerCommandLine.Refused;
}
catch (IOException taken) when (taken.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Kestrel's "Failed to bind to address http://…: address already in use." (the gRPC or the console address).
    await Console.Error.WriteLineAsync($"error: {taken.Message} Another process listens there (often a second server in Development, whose console " +
        $"takes {CccdRecon.Web.Console.ConsoleOptions.DevelopmentUrl}): give this one other addresses with --urls and --Console:Urls.");
    return ServerCommandLine.Refused;
}

/// <summary>Visible to the tests, which start this host.</summary>
public partial class Program;
