using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CccdRecon.Contracts.Security;
using CccdRecon.Core.Access;
using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using CccdRecon.Testing;

namespace CccdRecon.Server.Tests;

/// <summary>Where the server refuses to start, TLS, a real OpenID Connect authority, and the per-caller limits.</summary>
public sealed class HardeningTests
{
    [NoDatabaseFact]
    public async Task Outside_development_without_an_authority_the_server_refuses_to_start()
    {
        await using var server = new ServerProcess { Environment = "Production" };

        var exitCode = await server.RunToExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Auth:Authority", server.Output);
    }

    [NoDatabaseFact]
    public async Task Plain_http_beyond_loopback_refuses_to_start_unless_explicitly_allowed()
    {
        await using var exposed = new ServerProcess { ListenHost = "0.0.0.0" };
        var exitCode = await exposed.RunToExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exitCode);
        Assert.Contains("plain HTTP beyond loopback", exposed.Output);

        await using var proxied = new ServerProcess(null, "Transport:AllowPlainHttp=true") { ListenHost = "0.0.0.0" };
        await proxied.StartAsync();
        Assert.Contains("a TLS-terminating proxy must be in front", proxied.Output);
    }

    [NoDatabaseFact]
    public async Task An_address_already_taken_is_one_line_and_exit_code_2_not_a_stack_trace()
    {
        // Two servers in Development both wanted the console's default port: the second died with Kestrel's stack trace.
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var second = new ServerProcess(null, $"Console:Urls=http://127.0.0.1:{port}");

        var exitCode = await second.RunToExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains($"error: Failed to bind to address http://127.0.0.1:{port}: address already in use.", second.Output);
        Assert.Contains("--Console:Urls", second.Output);
        Assert.DoesNotContain("   at ", second.Output);
    }

    [NoDatabaseFact]
    public async Task Plain_http_on_loopback_is_said_at_start()
    {
        await using var server = await ServerProcess.StartNewAsync();

        Assert.Contains($"Listening on http://127.0.0.1:{server.Port} in plain HTTP/2 (h2c): allowed on loopback only", server.Output);
    }

    [NoDatabaseFact]
    public async Task With_a_certificate_the_server_serves_https_and_a_call_succeeds()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=cccdrecon.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await using var server = new ServerProcess { Certificate = certificate };
        await server.StartAsync();

        var record = Cast.Record(9500);
        await server.ImportAsync([record]);
        var back = await server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = record.RecordId });

        Assert.StartsWith("https://", server.Address);
        Assert.Equal(record.PersonalId, back.Record.PersonalId);
        Assert.Contains($"Listening on https://127.0.0.1:{server.Port} over TLS", server.Output);
    }

    [NoDatabaseFact]
    public async Task In_production_tokens_are_validated_against_the_configured_openid_connect_authority()
    {
        using var signing = RSA.Create(2048);
        await using var authority = OpenIdAuthority.Start(signing, "k1");
        await using var server = new ServerProcess(null,
            $"Auth:Authority={authority.Issuer}", "Auth:Audience=cccdrecon-api", "Auth:RequireHttpsMetadata=false")
        { Environment = "Production" };
        await server.StartAsync();

        string Mint(string audience, SecurityKey key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = authority.Issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = "can.bo.registry", ["role"] = new[] { Roles.Registry } },
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

        var good = server.WithToken(Mint("cccdrecon-api", new RsaSecurityKey(signing) { KeyId = "k1" }));
        await Rpc.FailsWith(StatusCode.NotFound, () => good.Registry.GetRecordAsync(new GetRecordRequest { RecordId = "R-none" }).ResponseAsync);
        await Rpc.FailsWith(StatusCode.PermissionDenied, () => good.Batches.ListBatchesAsync(new ListBatchesRequest()).ResponseAsync);

        var otherAudience = server.WithToken(Mint("another-api", new RsaSecurityKey(signing) { KeyId = "k1" }));
        await Rpc.FailsWith(StatusCode.Unauthenticated, () => otherAudience.Registry.GetRecordAsync(new GetRecordRequest { RecordId = "R-none" }).ResponseAsync);
        using var stranger = RSA.Create(2048);
        var wrongKey = server.WithToken(Mint("cccdrecon-api", new RsaSecurityKey(stranger) { KeyId = "k1" }));
        await Rpc.FailsWith(StatusCode.Unauthenticated, () => wrongKey.Registry.GetRecordAsync(new GetRecordRequest { RecordId = "R-none" }).ResponseAsync);
        // Reflection needs a token outside Development.
        await Rpc.FailsWith(StatusCode.Unauthenticated, () => Rpc.ReflectedServicesAsync(server.WithToken(null).Channel));
        Assert.Contains("cccdrecon.v1.AuditService", await Rpc.ReflectedServicesAsync(good.Channel));
        // No development key was created in production.
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, DevelopmentSigningKey.DefaultPath)));
    }

    [NoDatabaseFact]
    public async Task Over_the_call_rate_a_caller_is_resource_exhausted_and_other_callers_are_not()
    {
        await using var server = await ServerProcess.StartNewAsync("Limits:RequestsPerSecond=1", "Limits:RequestBurst=3");
        var busy = server.As("busy.tool", Roles.Batch).Batches;

        var codes = new List<StatusCode>();
        Google.Rpc.Status? refused = null;
        for (var i = 0; i < 8; i++)
        {
            try
            {
                await busy.ListBatchesAsync(new ListBatchesRequest());
                codes.Add(StatusCode.OK);
            }
            catch (RpcException ex)
            {
                codes.Add(ex.StatusCode);
                refused ??= ex.GetRpcStatus();
            }
        }

        Assert.Contains(StatusCode.OK, codes);
        Assert.Contains(StatusCode.ResourceExhausted, codes);
        Assert.All(codes, c => Assert.True(c is StatusCode.OK or StatusCode.ResourceExhausted, c.ToString()));
        Assert.Equal("RATE_LIMITED", refused!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal("Limits:RequestsPerSecond", Assert.Single(refused.GetDetail<QuotaFailure>().Violations).Subject);
        // The limit is per caller: another subject is served at once.
        await server.As("quiet.tool", Roles.Batch).Batches.ListBatchesAsync(new ListBatchesRequest());
    }

    [Fact]
    public async Task A_request_stream_over_the_message_limit_is_resource_exhausted_and_earlier_messages_are_kept()
    {
        await using var server = await ServerProcess.StartNewAsync("Limits:MaxStreamMessages=3");

        var status = await Rpc.FailsWith(StatusCode.ResourceExhausted, () => server.ImportAsync(Enumerable.Range(9600, 5).Select(Cast.Record), perMessage: 1));

        Assert.Equal("STREAM_TOO_LONG", status.Reason());
        Assert.Equal("Limits:MaxStreamMessages", Assert.Single(status.GetDetail<QuotaFailure>().Violations).Subject);
        await server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = Cast.Record(9602).RecordId });
        await Rpc.FailsWith(StatusCode.NotFound, () => server.Registry.GetRecordAsync(new GetRecordRequest { RecordId = Cast.Record(9603).RecordId }).ResponseAsync);
    }

    /// <summary>A minimal OpenID Connect issuer on loopback: the discovery document and the signing key (JWKS).</summary>
    private sealed class OpenIdAuthority : IAsyncDisposable
    {
        private readonly LoopbackHttpServer _server;
        private readonly string _discovery;
        private readonly string _jwks;

        private OpenIdAuthority(RSA key, string keyId)
        {
            _server = new LoopbackHttpServer(AnswerAsync);
            Issuer = _server.Address;
            var parameters = key.ExportParameters(false);
            _discovery = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = Issuer + "jwks",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
            _jwks = JsonSerializer.Serialize(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = keyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        }

        public string Issuer { get; }

        public static OpenIdAuthority Start(RSA key, string keyId) => new(key, keyId);

        private async Task AnswerAsync(HttpListenerContext context)
        {
            var path = context.Request.Url!.AbsolutePath;
            var body = path.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal) ? _discovery : path.EndsWith("/jwks", StringComparison.Ordinal) ? _jwks : null;
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body ?? "{}");
            await context.Response.OutputStream.WriteAsync(bytes);
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}
