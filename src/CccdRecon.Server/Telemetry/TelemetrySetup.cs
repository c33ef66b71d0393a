using CccdRecon.Server.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CccdRecon.Server.Telemetry;

/// <summary>The <c>Telemetry</c> section: where traces and metrics go. Nothing is exported unless set.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OpenTelemetry collector (OTLP) that receives traces and metrics, e.g. http://127.0.0.1:4317.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default, port 4317) or <c>http/protobuf</c> (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>
    /// Address of the Prometheus scraping endpoint, <c>/metrics</c> over HTTP/1.1, e.g. http://127.0.0.1:9464: a
    /// listener of its own beside the gRPC addresses (which speak HTTP/2 only). Plain HTTP on loopback only, as gRPC.
    /// </summary>
    public string? MetricsUrl { get; set; }
}

/// <summary>OpenTelemetry wiring: gRPC call spans and metrics, batch chunk spans, database time, queues and backlog.</summary>
internal static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>The .NET runtime's built-in meter (.NET 9+): no package needed.</summary>
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>
    /// The metrics address, checked like the gRPC ones; <paramref name="addresses"/> gets it when the urls are used.
    /// Returns its port, whose endpoint speaks HTTP/1.1 (Prometheus does not scrape over HTTP/2), or null.
    /// </summary>
    public static int? AddMetricsAddress(WebApplicationBuilder builder, List<string> addresses, bool kestrelEndpoints, Func<string, bool> refused)
    {
        var url = builder.Configuration.GetSection(TelemetryOptions.Section)[nameof(TelemetryOptions.MetricsUrl)];
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Port <= 0)
        {
            throw new StartupRefusedException($"Telemetry:MetricsUrl must be an http:// or https:// address with a port, e.g. http://127.0.0.1:9464, not '{url}'");
        }
        if (refused(url))
        {
            throw new StartupRefusedException($"Refusing to serve metrics on {url}: plain HTTP beyond loopback. Use https, a loopback address, or Transport:AllowPlainHttp=true behind a TLS proxy.");
        }
        if (kestrelEndpoints)
        {
            builder.Configuration[$"Kestrel:Endpoints:Metrics:Url"] = url;
            builder.Configuration[$"Kestrel:Endpoints:Metrics:Protocols"] = nameof(HttpProtocols.Http1);
        }
        else
        {
            addresses.Add(url);
        }
        return uri.Port;
    }

    public static WebApplicationBuilder AddReconTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton<ReconTelemetry>();
        // The dashboard's figures, also served as metrics when the server runs without its console.
        builder.Services.TryAddSingleton<CccdRecon.Web.Dashboard.DashboardQueries>();
        builder.Services.AddSingleton<IInterceptor, DatabaseTiming>();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("cccdrecon-server"))
            .WithTracing(tracing => tracing
                .AddSource(ReconTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspnet =>
                {
                    aspnet.Filter = http => http.Request.Path != MetricsPath;
                    // An exception's message may quote what it failed on: never recorded.
                    aspnet.RecordException = false;
                    aspnet.EnrichWithHttpResponse = (span, _) =>
                    {
                        span.SetTag("user_agent.original", null);
                        span.SetTag("client.address", null);
                        span.SetTag("url.query", null);
                    };
                }))
            .WithMetrics(metrics =>
            {
                // Scraped on the console's address, or on Telemetry:MetricsUrl; the exporter works only when scraped.
                // System.Runtime: the runtime's own meter (GC heap by generation, committed memory, working set, JIT,
                // thread pool), how an operator tells a leak from warm-up.
                metrics.AddMeter(ReconTelemetry.Name, RuntimeMeter).AddAspNetCoreInstrumentation().AddPrometheusExporter();
            });
        if (options.OtlpEndpoint is { } endpoint)
        {
            var protocol = options.OtlpProtocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            otel.UseOtlpExporter(protocol, endpoint);
        }
        return builder;
    }

    /// <summary>
    /// The Prometheus endpoint: on <c>Telemetry:MetricsUrl</c> when set (a listener of its own), otherwise on the review
    /// console's address when there is one; never on the gRPC addresses (HTTP/2 only, which Prometheus does not speak).
    /// </summary>
    public static WebApplication MapReconTelemetry(this WebApplication app)
    {
        var url = app.Configuration.GetSection(TelemetryOptions.Section)[nameof(TelemetryOptions.MetricsUrl)];
        if (!string.IsNullOrWhiteSpace(url))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath)
                .RequireHost($"*:{new Uri(url).Port}")
                .Add(endpoint => endpoint.Metadata.Add(Hosting.MetricsListenerMetadata.Instance));
        }
        else if (app.Services.GetRequiredService<Hosting.Listeners>().HasConsole)
        {
            Hosting.ListenerExtensions.RequireConsoleListener(app.MapPrometheusScrapingEndpoint(MetricsPath));
        }
        return app;
    }
}
