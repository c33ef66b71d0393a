using CccdRecon.Server.Cluster;
using CccdRecon.Server.Hosting;
using CccdRecon.Server.Security;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddReconHost();
builder.AddReconSecurity();
builder.AddReconCluster();
builder.Services
    .AddReconOptions(builder.Configuration)
    .AddReconStorage(builder.Configuration)
    .AddReconEngine()
    .AddReconServices();

var app = builder.Build();
app.LogTransport();
app.UseReconSecurity();
app.MapReconServices();
app.Run();

/// <summary>Visible to the tests, which start this host.</summary>
public partial class Program;
