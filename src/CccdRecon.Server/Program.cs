using CccdRecon.Server.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddReconHost();
builder.Services
    .AddReconOptions(builder.Configuration)
    .AddReconStorage(builder.Configuration)
    .AddReconEngine()
    .AddReconServices();

var app = builder.Build();
app.MapReconServices();
app.Run();

/// <summary>Visible to the tests, which start this host.</summary>
public partial class Program;
