using CccdRecon.Core.Matching;
using CccdRecon.Data;
using CccdRecon.Server.Audit;
using CccdRecon.Server.Batches;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Intake;
using CccdRecon.Server.Reconciliation;
using CccdRecon.Server.Registry;
using CccdRecon.Server.Review;
using CccdRecon.Server.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CccdRecon.Server.Hosting;

/// <summary>The server's wiring, so Program.cs stays a few lines.</summary>
internal static class ServerSetup
{
    /// <summary>Used when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c> nor the <c>Urls</c> setting names an address.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Kestrel speaks HTTP/2 only: over TLS for HTTPS endpoints (the <c>Kestrel:Endpoints</c> section with a
    /// certificate), and in plain text (h2c, prior knowledge) on loopback only. A plain-HTTP address beyond loopback
    /// stops the server unless <c>Transport:AllowPlainHttp</c> says a TLS-terminating proxy is in front.
    /// </summary>
    public static WebApplicationBuilder AddReconHost(this WebApplicationBuilder builder)
    {
        var endpoints = builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>().ToList();
        if (endpoints.Count == 0 && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        // Kestrel's endpoints, when configured, replace the urls.
        var addresses = endpoints.Count > 0 ? endpoints : (builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var transport = builder.Configuration.GetSection(TransportOptions.Section).Get<TransportOptions>() ?? new TransportOptions();
        if (!transport.AllowPlainHttp && addresses.FirstOrDefault(a => IsPlainHttp(a) && !IsLoopback(a)) is { } exposed)
        {
            throw new InvalidOperationException(
                $"Refusing to listen on {exposed}: plain HTTP beyond loopback would carry tokens and personal data in clear text. " +
                "Configure an HTTPS endpoint (Kestrel:Endpoints:Https:Url and :Certificate), listen on loopback, or set " +
                "Transport:AllowPlainHttp=true when a TLS-terminating proxy is in front. See docs/security.md.");
        }
        builder.Services.Configure<TransportOptions>(builder.Configuration.GetSection(TransportOptions.Section));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
        return builder;
    }

    /// <summary>Says at start where tokens come from and, for each address, whether it is TLS or plain HTTP/2 (loopback only).</summary>
    public static WebApplication LogTransport(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CccdRecon.Server.Startup");
            var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
            if (auth.HasAuthority)
            {
                Log.AuthorityTokens(logger, auth.Authority!, auth.Audience ?? "");
            }
            else
            {
                Log.DevelopmentTokens(logger, Path.GetFullPath(auth.DevelopmentKeyPath));
            }
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                if (!IsPlainHttp(address))
                {
                    Log.ListeningTls(logger, address);
                }
                else if (IsLoopback(address))
                {
                    Log.ListeningPlainLoopback(logger, address);
                }
                else
                {
                    Log.ListeningPlainExposed(logger, address);
                }
            }
        });
        return app;
    }

    private static bool IsPlainHttp(string address) => address.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>localhost, 127.0.0.0/8 or ::1; wildcards (*, +, 0.0.0.0) and host names are not.</summary>
    private static bool IsLoopback(string address)
    {
        var rest = address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var host = rest.StartsWith('[') ? rest[1..rest.IndexOf(']')] : rest.Split(':', '/')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    public static IServiceCollection AddReconOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StoreLimits>().Bind(configuration.GetSection(StoreLimits.Section)).ValidateDataAnnotations()
            .Validate(o => o.DefaultPageSize <= o.MaxPageSize, "Limits:DefaultPageSize must not exceed Limits:MaxPageSize")
            .ValidateOnStart();
        services.AddOptions<BatchOptions>().Bind(configuration.GetSection(BatchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MatchingOptions>().Bind(configuration.GetSection("Matching")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MatchingOptions>, MatchingOptionsValidator>();
        return services;
    }

    public static IServiceCollection AddReconStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        return services.AddReconData(database, configuration.GetConnectionString("Recon"));
    }

    /// <summary>The engine: one index and one reconciler for the whole process, the index rebuilt on start.</summary>
    public static IServiceCollection AddReconEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new RegistryIndex(DateOnly.FromDateTime(sp.GetRequiredService<TimeProvider>().GetLocalNow().DateTime)));
        services.AddSingleton(sp => new Reconciler(
            sp.GetRequiredService<RegistryIndex>(),
            sp.GetRequiredService<IOptions<MatchingOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ReadinessCheck>();
        services.AddHostedService<RegistryStartup>();
        services.AddHostedService<RegistryRefresh>();
        return services;
    }

    public static IServiceCollection AddReconServices(this IServiceCollection services)
    {
        var limits = services.BuildLimits();
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = limits.MaxReceiveMessageBytes;
            grpc.MaxSendMessageSize = limits.MaxSendMessageBytes;
            // Unexpected exceptions reach the client as INTERNAL with no detail (detail could carry data).
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<AccessInterceptor>();
            grpc.Interceptors.Add<StoreErrorInterceptor>();
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<ReadinessCheck>("ready");
        services.AddReconStores();
        services.AddHostedService<BatchProcessor>();
        return services;
    }

    public static WebApplication MapReconServices(this WebApplication app)
    {
        app.MapGrpcService<RegistryGrpcService>();
        app.MapGrpcService<ReconciliationGrpcService>();
        app.MapGrpcService<BatchGrpcService>();
        app.MapGrpcService<ReviewGrpcService>();
        app.MapGrpcService<IntakeGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>The engine's own checks, run at start instead of at first use.</summary>
    private sealed class MatchingOptionsValidator : IValidateOptions<MatchingOptions>
    {
        public ValidateOptionsResult Validate(string? name, MatchingOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => "Matching:" + p));
        }
    }

    /// <summary>Message size limits are needed while registering gRPC, before the container exists.</summary>
    private static LimitsOptions BuildLimits(this IServiceCollection services)
    {
        var configuration = (IConfiguration?)services.LastOrDefault(d => d.ServiceType == typeof(IConfiguration))?.ImplementationInstance;
        return configuration?.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
    }
}
