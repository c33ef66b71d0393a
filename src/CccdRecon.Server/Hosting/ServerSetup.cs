using CccdRecon.Core.Matching;
using CccdRecon.Data;
using CccdRecon.Data.Review;
using CccdRecon.Data.Health;
using CccdRecon.Server.Audit;
using CccdRecon.Server.Batches;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Intake;
using CccdRecon.Server.Reconciliation;
using CccdRecon.Server.Registry;
using CccdRecon.Server.Review;
using CccdRecon.Server.Security;
using CccdRecon.Web.Console;
using CccdRecon.Server.Telemetry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.Options;

namespace CccdRecon.Server.Hosting;

/// <summary>The server's wiring, so Program.cs stays a few lines.</summary>
internal static class ServerSetup
{
    /// <summary>Used when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c> nor the <c>Urls</c> setting names an address.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// The listeners. gRPC speaks HTTP/2 only: over TLS for HTTPS endpoints (the <c>Kestrel:Endpoints</c> section with a
    /// certificate), and in plain text (h2c, prior knowledge) on loopback only. The review console listens on its own
    /// addresses (<c>Console:Urls</c>; Development default <see cref="ConsoleOptions.DevelopmentUrl"/>) with HTTP/1.1, which
    /// browsers speak; an <c>https://</c> console address equal to a gRPC endpoint's serves both. A plain-HTTP address beyond
    /// loopback stops the server unless <c>Transport:AllowPlainHttp</c> says a TLS-terminating proxy is in front.
    /// </summary>
    /// <summary>The generic host's own log category.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static WebApplicationBuilder AddReconHost(this WebApplicationBuilder builder)
    {
        // The host logs a start that fails ("Hosting failed to start", an address in use) at Error with its stack trace,
        // then throws: Program says it in one line. A background service that stops the host is still logged (Critical).
        builder.Logging.AddFilter(HostCategory, LogLevel.Critical);
        var configuration = builder.Configuration;
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Where(e => e["Url"] is not null).ToList();
        var grpc = endpoints.Count > 0
            ? endpoints.Select(e => e["Url"]!).ToList()
            : Split(string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]) ? DefaultUrl : configuration[WebHostDefaults.ServerUrlsKey]!);
        var console = ConsoleAddresses(configuration, builder.Environment);
        var transport = configuration.GetSection(TransportOptions.Section).Get<TransportOptions>() ?? new TransportOptions();
        if (!transport.AllowPlainHttp && grpc.Concat(console).FirstOrDefault(a => IsPlainHttp(a) && !IsLoopback(a)) is { } exposed)
        {
            throw new StartupRefusedException(
                $"Refusing to listen on {exposed}: plain HTTP beyond loopback would carry tokens and personal data in clear text. " +
                "Configure an HTTPS endpoint (Kestrel:Endpoints:Https:Url and :Certificate), listen on loopback, or set " +
                "Transport:AllowPlainHttp=true when a TLS-terminating proxy is in front. See docs/security.md.");
        }
        // The Prometheus endpoint, when configured (Telemetry:MetricsUrl), is a listener of its own that speaks HTTP/1.1.
        bool MetricsRefused(string address) => !transport.AllowPlainHttp && IsPlainHttp(address) && !IsLoopback(address);
        int? metricsPort;
        if (console.Count == 0)
        {
            var urls = new List<string>(grpc);
            metricsPort = TelemetrySetup.AddMetricsAddress(builder, urls, endpoints.Count > 0, MetricsRefused);
            if (endpoints.Count == 0 && (metricsPort is not null || string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])))
            {
                builder.WebHost.UseUrls([.. urls]);
            }
        }
        else
        {
            // Both kinds of listener as Kestrel endpoints, each with its protocols (Kestrel's endpoints replace the urls).
            var settings = new Dictionary<string, string?>();
            var named = endpoints.Select(e => (e.Key, Url: e["Url"]!)).ToList();
            if (named.Count == 0)
            {
                named = grpc.Select((url, i) => ($"Grpc{i}", url)).ToList();
                foreach (var (name, url) in named)
                {
                    settings[$"Kestrel:Endpoints:{name}:Url"] = url;
                }
            }
            for (var i = 0; i < console.Count; i++)
            {
                var url = console[i];
                if (named.FirstOrDefault(e => !IsPlainHttp(e.Url) && SameAddress(e.Url, url)) is { Key: not null } shared)
                {
                    settings[$"Kestrel:Endpoints:{shared.Key}:Protocols"] = "Http1AndHttp2";
                    continue;
                }
                settings[$"Kestrel:Endpoints:Console{i}:Url"] = url;
                settings[$"Kestrel:Endpoints:Console{i}:Protocols"] = IsPlainHttp(url) ? "Http1" : "Http1AndHttp2";
                foreach (var certificate in configuration.GetSection("Console:Certificate").AsEnumerable(makePathsRelative: true).Where(p => p.Value is not null))
                {
                    settings[$"Kestrel:Endpoints:Console{i}:Certificate:{certificate.Key}"] = certificate.Value;
                }
            }
            configuration.AddInMemoryCollection(settings);
            metricsPort = TelemetrySetup.AddMetricsAddress(builder, [], kestrelEndpoints: true, MetricsRefused);
            // Not empty (an empty value falls back to the host's urls, which Kestrel would then report it overrides): a
            // separator alone names no address.
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, ";");
            builder.Services.AddReconConsole(configuration, builder.Environment);
        }
        builder.Services.AddSingleton(new Listeners(grpc, console, metricsPort));
        builder.Services.Configure<TransportOptions>(configuration.GetSection(TransportOptions.Section));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint =>
            endpoint.Protocols = endpoint.IPEndPoint?.Port == metricsPort ? HttpProtocols.Http1 : HttpProtocols.Http2));
        return builder;
    }

    /// <summary><c>Console:Urls</c>; when unset, <see cref="ConsoleOptions.DevelopmentUrl"/> in Development and none elsewhere.</summary>
    private static List<string> ConsoleAddresses(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{ConsoleOptions.Section}:{nameof(ConsoleOptions.Urls)}"];
        return configured is null
            ? environment.IsDevelopment() ? [ConsoleOptions.DevelopmentUrl] : []
            : Split(configured);
    }

    private static List<string> Split(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static bool SameAddress(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Says at start where tokens come from and, for each address, what it serves: gRPC over TLS or plain HTTP/2 (loopback
    /// only), the review console.
    /// </summary>
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
            var listeners = app.Services.GetRequiredService<Listeners>();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                var role = Listeners.PortOf(address) is { } port ? listeners.RoleOf(port) : ListenerRole.Grpc;
                if (role == ListenerRole.Metrics)
                {
                    Log.ListeningMetrics(logger, address);
                    continue;
                }
                if (role.HasFlag(ListenerRole.Console))
                {
                    Log.ListeningConsole(logger, address, IsPlainHttp(address) ? "plain HTTP/1.1, loopback only" : "TLS");
                }
                if (!role.HasFlag(ListenerRole.Grpc))
                {
                    continue;
                }
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

    /// <summary>The review console's pages, middleware and sign-in, on the console's listener (when it has one).</summary>
    public static WebApplication MapReconConsoleHost(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Listeners>().HasConsole)
        {
            app.MapReconConsole().RequireConsoleListener();
        }
        return app;
    }

    /// <summary>The console's middleware (language, authorization, antiforgery), when there is a console.</summary>
    public static WebApplication UseReconConsoleHost(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Listeners>().HasConsole)
        {
            app.UseReconConsole();
        }
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
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MatchingOptions>().Bind(configuration.GetSection("Matching")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MatchingOptions>, MatchingOptionsValidator>();
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>();
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
        // Online calls are scored with the configured model; each batch with its own (see BatchProcessor).
        services.AddSingleton(sp => new Reconciler(
            sp.GetRequiredService<RegistryIndex>(),
            sp.GetRequiredService<IOptions<MatchingOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            OnlineModel(sp.GetRequiredService<IOptions<ModelOptions>>().Value)));
        // Online calls: this process's index, unless cluster mode registered the cluster's router first (AddReconCluster).
        services.TryAddSingleton<IFormReconciler, LocalFormReconciler>();
        services.TryAddSingleton<Batches.IChunkReconciler, Batches.LocalChunkReconciler>();
        services.AddSingleton<ReadinessCheck>();
        services.AddSingleton<HeapCompaction>();
        services.AddSingleton<WarmUp>();
        services.AddHostedService<RegistryStartup>();
        services.AddHostedService<RegistryRefresh>();
        return services;
    }

    public static IServiceCollection AddReconServices(this IServiceCollection services)
    {
        services.AddGrpc(grpc =>
        {
            // Unexpected exceptions reach the client as INTERNAL with no detail (detail could carry data).
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<RpcMetricsInterceptor>();
            grpc.Interceptors.Add<AccessInterceptor>();
            grpc.Interceptors.Add<ServingInterceptor>();
            grpc.Interceptors.Add<StoreErrorInterceptor>();
        });
        // Malformed request bytes are INVALID_ARGUMENT, not an unhandled parse error (replaces gRPC's own binder).
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(MalformedMessageGuard<>));
        // The message limits come from the validated Limits section, bound when gRPC's options are first built.
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<LimitsOptions>>((grpc, limits) =>
        {
            grpc.MaxReceiveMessageSize = limits.Value.MaxReceiveMessageBytes;
            grpc.MaxSendMessageSize = limits.Value.MaxSendMessageBytes;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<ReadinessCheck>("ready").AddCheck<DatabaseHealthCheck>("database");
        services.AddReconStores();
        services.AddHostedService<BatchProcessor>();
        return services;
    }

    /// <summary>
    /// Takes the database for this process before anything uses it: for SQLite the lock (a second server on the same file
    /// is refused), owner-only file modes and the integrity check; a refusal stops the start with its reason.
    /// </summary>
    public static async Task OpenDatabaseAsync(this WebApplication app)
    {
        try
        {
            await app.Services.GetRequiredService<DatabaseGuard>().OpenAsync(app.Lifetime.ApplicationStopping);
        }
        catch (DatabaseRefusedException refused)
        {
            throw new StartupRefusedException(refused.Message);
        }
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
    private static MatchModel OnlineModel(ModelOptions options) =>
        string.IsNullOrWhiteSpace(options.ModelFile) ? MatchModel.Default : ModelFile.Load(options.ModelFile);

    /// <summary>A configured model file must load: a server must not start scoring with a model other than the one asked for.</summary>
    private sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
    {
        public ValidateOptionsResult Validate(string? name, ModelOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.ModelFile)) return ValidateOptionsResult.Success;
            try
            {
                ModelFile.Load(options.ModelFile);
                return ValidateOptionsResult.Success;
            }
            catch (ModelFileException e)
            {
                return ValidateOptionsResult.Fail($"Matching:ModelFile {options.ModelFile}: {e.Message}");
            }
        }
    }

    private sealed class MatchingOptionsValidator : IValidateOptions<MatchingOptions>
    {
        public ValidateOptionsResult Validate(string? name, MatchingOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => "Matching:" + p));
        }
    }
}
