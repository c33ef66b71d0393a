using System.Threading.RateLimiting;
using CccdRecon.Contracts.Security;
using CccdRecon.Server.Errors;
using CccdRecon.Server.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CccdRecon.Server.Security;

/// <summary>Bearer authentication, the per-RPC access check and per-caller rate limiting.</summary>
internal static class SecuritySetup
{
    /// <summary>Set on a request whose otherwise valid token has no <c>sub</c>, so the refusal can say so.</summary>
    public static readonly object SubjectMissing = new();

    public static WebApplicationBuilder AddReconSecurity(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section)).ValidateDataAnnotations()
            .Validate(o => !o.HasAuthority || !string.IsNullOrWhiteSpace(o.Audience), "Auth:Audience is required with Auth:Authority")
            .ValidateOnStart();
        if (!auth.HasAuthority && !builder.Environment.IsDevelopment())
        {
            throw new StartupRefusedException(
                $"Auth:Authority is not set. Outside Development the server validates tokens from an OpenID Connect authority: set Auth:Authority and Auth:Audience (environment: {builder.Environment.EnvironmentName}). See docs/security.md.");
        }

        // Created now rather than at the first request, so `cccdrecon token` works as soon as the server is up.
        var developmentKey = auth.HasAuthority ? null : DevelopmentSigningKey.LoadOrCreate(auth.DevelopmentKeyPath);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            // Claims keep their JWT names (sub, role, unit) instead of the WS-* URIs.
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.NameClaimType = "sub";
            jwt.TokenValidationParameters.RoleClaimType = auth.RoleClaim;
            // The subject is the audit identity: a token without one is refused by every endpoint, whatever it grants.
            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = validated =>
                {
                    if (validated.Principal is { } principal && string.IsNullOrWhiteSpace(principal.FindFirst("sub")?.Value))
                    {
                        validated.HttpContext.Items[SubjectMissing] = true;
                        validated.Fail("the token has no subject (sub)");
                    }
                    return Task.CompletedTask;
                },
            };
            if (auth.HasAuthority)
            {
                jwt.Authority = auth.Authority;
                jwt.Audience = auth.Audience;
                jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            }
            else
            {
                var key = developmentKey!;
                jwt.TokenValidationParameters.ValidIssuer = DevelopmentSigningKey.Issuer;
                jwt.TokenValidationParameters.ValidAudience = DevelopmentSigningKey.Audience;
                jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(key.Key) { KeyId = key.KeyId };
            }
        });

        builder.Services.AddSingleton<AccessInterceptor>();
        builder.Services.AddRateLimiter(rate =>
        {
            var limits = builder.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
            rate.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(
                PartitionKey(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.RequestBurst,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            rate.OnRejected = (rejected, cancellationToken) => rejected.HttpContext.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
                ? GrpcStatusResponse.WriteAsync(rejected.HttpContext, RpcErrors.ResourceExhausted("RATE_LIMITED", "Limits:RequestsPerSecond",
                    $"at most {limits.RequestsPerSecond} calls per second per caller (burst {limits.RequestBurst}); retry later"))
                : TooManyRequests(rejected.HttpContext);
        });
        return builder;
    }

    /// <summary>
    /// Authentication first, so the rate limiter can partition by the token's subject; then the access check of gRPC
    /// calls, before gRPC reads (and parses) the request: a caller without a valid token or the role never gets its
    /// message parsed.
    /// </summary>
    public static WebApplication UseReconSecurity(this WebApplication app)
    {
        app.Use(GrpcStatusResponse.NameMessageLimitsAsync);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.Use(AuthorizeBeforeParsingAsync);
        return app;
    }

    /// <summary>A browser (the console) over the rate: 429, as HTTP says it.</summary>
    private static ValueTask TooManyRequests(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return ValueTask.CompletedTask;
    }

    private static async Task AuthorizeBeforeParsingAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                http.RequestServices.GetRequiredService<AccessInterceptor>().Authorize(http, http.Request.Path);
            }
            catch (Grpc.Core.RpcException refused)
            {
                await GrpcStatusResponse.WriteAsync(http, refused);
                return;
            }
        }
        await next(http);
    }

    private static string PartitionKey(HttpContext http)
        => http.User.Identity?.IsAuthenticated == true && CallerContext.SubjectOf(http.User) is { Length: > 0 } subject
            ? "sub:" + subject
            : "ip:" + http.Connection.RemoteIpAddress;
}
