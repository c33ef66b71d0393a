using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CccdRecon.Core.Access;
using CccdRecon.Data.Access;
using CccdRecon.Web.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CccdRecon.Web.Console;

/// <summary>The <c>Console</c> section: where the console listens and how it signs staff in.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Development default of <see cref="Urls"/>.</summary>
    public const string DevelopmentUrl = "http://127.0.0.1:5081";

    /// <summary>
    /// The console's addresses, separated by ';' (read by the host, which listens on them with HTTP/1.1). Empty: no
    /// console. Plain <c>http://</c> on loopback only; an <c>https://</c> address equal to a gRPC endpoint's serves both.
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>The console's OpenID Connect client at <c>Auth:Authority</c> (required outside Development).</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>How long a sign-in lasts without activity.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>Where the identity provider puts roles and units: the <c>Auth</c> section the gRPC API reads too.</summary>
public sealed record ConsoleIdentity(string? Authority, string RoleClaim, string UnitClaim, bool RequireHttpsMetadata)
{
    public bool HasAuthority => !string.IsNullOrWhiteSpace(Authority);

    public static ConsoleIdentity From(IConfiguration configuration)
    {
        var auth = configuration.GetSection("Auth");
        return new ConsoleIdentity(auth["Authority"], auth["RoleClaim"] is { Length: > 0 } role ? role : Roles.RoleClaim,
            auth["UnitClaim"] is { Length: > 0 } unit ? unit : Roles.UnitClaim, auth.GetValue("RequireHttpsMetadata", true));
    }
}

/// <summary>Marks the console's endpoints (pages, sign-in, static files), so console-only middleware runs for them alone.</summary>
public sealed class ConsoleEndpointMetadata
{
    public static readonly ConsoleEndpointMetadata Instance = new();
}

/// <summary>The console's wiring: services, middleware and endpoints, for the host to call.</summary>
public static class ConsoleSetup
{
    /// <summary>Blazor static rendering, cookie sessions (OpenID Connect in production), antiforgery, Vietnamese and English.</summary>
    public static IServiceCollection AddReconConsole(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        var identity = ConsoleIdentity.From(configuration);
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(identity);
        // Vietnamese is written out as text, not as character references: smaller pages, readable source.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddScoped<ConsoleSession>();
        services.AddSingleton<Reports.NoticePrinter>();
        services.TryAddSingleton<Dashboard.DashboardQueries>();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "cccdrecon.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<RequestLocalizationOptions>(localization =>
        {
            CultureInfo[] cultures = [new(T.Vietnamese), new(T.English)];
            localization.DefaultRequestCulture = new RequestCulture(T.Vietnamese);
            localization.SupportedCultures = cultures;
            localization.SupportedUICultures = cultures;
            // The language a person chose is kept in a cookie; nothing else (not the browser's) changes it.
            localization.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        if (!identity.HasAuthority && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "The review console signs staff in through OpenID Connect outside Development: set Auth:Authority and Console:ClientId " +
                "(or leave Console:Urls empty to run without the console). See docs/security.md.");
        }
        if (identity.HasAuthority && string.IsNullOrWhiteSpace(options.ClientId))
        {
            throw new InvalidOperationException("Console:ClientId is required with Auth:Authority: the console's OpenID Connect client. See docs/security.md.");
        }
        var authentication = services.AddAuthentication().AddCookie(ConsoleAuth.CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "cccdrecon.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = identity.HasAuthority ? "/signin/oidc" : "/signin";
            cookie.AccessDeniedPath = "/forbidden";
            cookie.ExpireTimeSpan = options.SessionLifetime;
            cookie.SlidingExpiration = true;
        });
        if (identity.HasAuthority)
        {
            authentication.AddOpenIdConnect(ConsoleAuth.OidcScheme, oidc =>
            {
                oidc.SignInScheme = ConsoleAuth.CookieScheme;
                oidc.Authority = identity.Authority;
                oidc.ClientId = options.ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.RequireHttpsMetadata = identity.RequireHttpsMetadata;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.SaveTokens = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                // Claims keep the names the gRPC API reads (sub, role, unit).
                oidc.MapInboundClaims = false;
                oidc.TokenValidationParameters.NameClaimType = "sub";
                oidc.TokenValidationParameters.RoleClaimType = identity.RoleClaim;
                oidc.ClaimActions.MapJsonKey(identity.RoleClaim, identity.RoleClaim);
                oidc.ClaimActions.MapJsonKey(identity.UnitClaim, identity.UnitClaim);
            });
        }
        services.AddAuthorization(authorization => authorization.AddPolicy(ConsoleAuth.Policy, policy => policy
            .AddAuthenticationSchemes(ConsoleAuth.CookieScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Callers.GrantedRole(context.User, [Roles.Reviewer]) is not null)));
        return services;
    }

    /// <summary>
    /// The console's middleware, after authentication: the language and a <c>Server-Timing</c> header (console requests
    /// only), authorization and antiforgery.
    /// </summary>
    public static IApplicationBuilder UseReconConsole(this IApplicationBuilder app)
    {
        app.UseWhen(IsConsole, console => console.Use(SessionAsync).UseRequestLocalization().Use(ServerTimingAsync));
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>
    /// The console's endpoints: its pages (every one needs a reviewer or administrator), static files, sign-in and
    /// sign-out, the language switch and, in Development only, <c>/dev/login</c>. Returns one builder for them all, so
    /// the host can put them on the console's listener.
    /// </summary>
    public static IEndpointConventionBuilder MapReconConsole(this WebApplication app)
    {
        List<IEndpointConventionBuilder> builders =
        [
            app.MapStaticAssets(),
            app.MapRazorComponents<App>().RequireAuthorization(ConsoleAuth.Policy),
            app.MapGet("/", () => Results.Redirect("/review")).RequireAuthorization(ConsoleAuth.Policy),
            .. ConsoleAuth.MapEndpoints(app),
            app.MapGet("/review/{caseId}/next", ConsoleNavigation.NextCaseAsync).RequireAuthorization(ConsoleAuth.Policy),
            .. Reports.ReportEndpoints.Map(app),
            .. Dashboard.DashboardEndpoints.Map(app),
        ];
        var all = new ConventionBuilders(builders);
        all.Add(endpoint => endpoint.Metadata.Add(ConsoleEndpointMetadata.Instance));
        return all;
    }

    /// <summary>
    /// The console's user is its session (the cookie), on every console endpoint, signed-in pages and anonymous ones alike,
    /// so forms and their antiforgery tokens are made and checked for the same person.
    /// </summary>
    private static async Task SessionAsync(HttpContext http, RequestDelegate next)
    {
        var session = await http.AuthenticateAsync(ConsoleAuth.CookieScheme);
        if (session.Succeeded)
        {
            http.User = session.Principal;
        }
        await next(http);
    }

    private static bool IsConsole(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<ConsoleEndpointMetadata>() is not null;

    /// <summary>How long the server took to produce the page, for browsers' developer tools and the benchmark.</summary>
    private static Task ServerTimingAsync(HttpContext http, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        http.Response.OnStarting(() =>
        {
            ServerTiming.Add(http, "app", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return Task.CompletedTask;
        });
        return next(http);
    }

    /// <summary>Conventions applied to several endpoint builders at once.</summary>
    private sealed class ConventionBuilders(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
