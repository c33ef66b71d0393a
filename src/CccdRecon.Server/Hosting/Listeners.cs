using CccdRecon.Web.Console;

namespace CccdRecon.Server.Hosting;

/// <summary>What a listening address serves.</summary>
[Flags]
public enum ListenerRole
{
    None = 0,
    /// <summary>gRPC: HTTP/2 only (h2c on loopback, or TLS).</summary>
    Grpc = 1,
    /// <summary>The review console (and whatever else people read in a browser): HTTP/1.1, and HTTP/2 over TLS.</summary>
    Console = 2,
    /// <summary>Prometheus' scraping endpoint (<c>Telemetry:MetricsUrl</c>): HTTP/1.1, nothing else.</summary>
    Metrics = 4,
}

/// <summary>
/// The server's listeners, as configured: gRPC on its addresses (<c>--urls</c>, <c>Urls</c> or <c>Kestrel:Endpoints</c>),
/// the console on <c>Console:Urls</c> (Development default <see cref="ConsoleOptions.DevelopmentUrl"/>). An <c>https://</c>
/// console address equal to a gRPC one is one listener serving both. A request is told apart by the local port it came in
/// on, so every endpoint answers only on its own listener (<see cref="ListenerGate"/>).
/// </summary>
public sealed class Listeners
{
    private readonly Dictionary<int, ListenerRole> _roles = [];

    public Listeners(IReadOnlyList<string> grpc, IReadOnlyList<string> console, int? metricsPort = null)
    {
        GrpcAddresses = grpc;
        ConsoleAddresses = console;
        foreach (var address in grpc)
        {
            Assign(address, ListenerRole.Grpc);
        }
        foreach (var address in console)
        {
            Assign(address, ListenerRole.Console);
        }
        if (metricsPort is { } metrics)
        {
            _roles[metrics] = ListenerRole.Metrics;
        }
    }

    public IReadOnlyList<string> GrpcAddresses { get; }

    public IReadOnlyList<string> ConsoleAddresses { get; }

    public bool HasConsole => ConsoleAddresses.Count > 0;

    /// <summary>The role of the listener on <paramref name="port"/>; a port no address names (port 0) serves both.</summary>
    public ListenerRole RoleOf(int port) => _roles.TryGetValue(port, out var role) ? role : ListenerRole.Grpc | ListenerRole.Console;

    public static int? PortOf(string address)
    {
        var normalized = address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Port > 0 ? uri.Port : null;
    }

    private void Assign(string address, ListenerRole role)
    {
        if (PortOf(address) is { } port)
        {
            _roles[port] = _roles.GetValueOrDefault(port) | role;
        }
    }
}

/// <summary>Marks an endpoint that answers on the console's listener (pages, metrics), not the gRPC one.</summary>
public sealed class ConsoleListenerMetadata
{
    public static readonly ConsoleListenerMetadata Instance = new();
}

/// <summary>Marks the metrics endpoint, which answers only on the metrics listener.</summary>
public sealed class MetricsListenerMetadata
{
    public static readonly MetricsListenerMetadata Instance = new();
}

/// <summary>
/// Keeps each endpoint on its listener: console endpoints (<see cref="ListenerExtensions.RequireConsoleListener"/>) answer
/// only on the console's address, the metrics endpoint only on the metrics address, every other endpoint (the gRPC services, health, reflection) only on the gRPC
/// addresses; anywhere else the address answers 404, as if the endpoint did not exist.
/// </summary>
public static class ListenerGate
{
    public static IApplicationBuilder UseListenerGate(this IApplicationBuilder app)
    {
        var listeners = app.ApplicationServices.GetRequiredService<Listeners>();
        return app.Use((http, next) =>
        {
            if (http.GetEndpoint() is not { } endpoint)
            {
                return next(http);
            }
            var wanted = endpoint.Metadata.GetMetadata<ConsoleListenerMetadata>() is not null ? ListenerRole.Console
                : endpoint.Metadata.GetMetadata<MetricsListenerMetadata>() is not null ? ListenerRole.Metrics
                : ListenerRole.Grpc;
            if ((listeners.RoleOf(http.Connection.LocalPort) & wanted) != 0)
            {
                return next(http);
            }
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}

public static class ListenerExtensions
{
    /// <summary>
    /// Puts the endpoints on the console's listener (for anything people read in a browser, or a scraper reads beside it:
    /// <c>app.MapPrometheusScrapingEndpoint().RequireConsoleListener()</c>).
    /// </summary>
    public static TBuilder RequireConsoleListener<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(ConsoleListenerMetadata.Instance));
        return builder;
    }
}
