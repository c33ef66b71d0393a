using System.Net;
using CccdRecon.Server.Tests.Infrastructure;

namespace CccdRecon.Web.Tests;

/// <summary>
/// The console as a piece of hosting: its own HTTP/1.1 address beside gRPC's HTTP/2 one, each answering only for itself;
/// the development sign-in only in Development; plain HTTP on loopback only.
/// </summary>
public sealed class ConsoleHostingTests
{
    // No cookie jar: a session one test server set must never reach another (they share this machine's data-protection keys).
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    [Fact]
    public async Task The_console_and_grpc_each_answer_on_their_own_address()
    {
        await using var server = await ServerProcess.StartNewAsync();
        // The console speaks HTTP/1.1 on its address and sends strangers to sign in.
        using var review = await Http.GetAsync($"{server.ConsoleAddress}/review");
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        Assert.StartsWith("/signin", review.Headers.Location!.PathAndQuery);
        Assert.Equal(new Version(1, 1), review.Version);
        // gRPC's address (HTTP/2 only) does not serve the console...
        using var onGrpc = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{server.Address}/review")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        Assert.Equal(HttpStatusCode.NotFound, onGrpc.StatusCode);
        // ...and the console's address does not serve gRPC.
        using var grpcOnConsole = await Http.PostAsync($"{server.ConsoleAddress}/cccdrecon.v1.ReviewService/ListCases", new ByteArrayContent([0, 0, 0, 0, 0]));
        Assert.Equal(HttpStatusCode.NotFound, grpcOnConsole.StatusCode);
        Assert.Contains("Review console on " + server.ConsoleAddress, server.Output);
    }

    [Fact]
    public async Task Development_sign_in_checks_the_role_and_units_as_tokens_are()
    {
        await using var server = await ServerProcess.StartNewAsync();
        using var ok = await Http.GetAsync($"{server.ConsoleAddress}/dev/login?role=recon.reviewer&unit=05443&subject=can.bo.lan&returnUrl=%2Freview%2F1");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/review/1", ok.Headers.Location!.OriginalString);
        Assert.Contains(ok.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cccdrecon.console=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        using var badRole = await Http.GetAsync($"{server.ConsoleAddress}/dev/login?role=recon.god&unit=05443");
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        using var badUnit = await Http.GetAsync($"{server.ConsoleAddress}/dev/login?role=recon.reviewer&unit=5443");
        Assert.Equal(HttpStatusCode.BadRequest, badUnit.StatusCode);
        // Back only to this site.
        using var away = await Http.GetAsync($"{server.ConsoleAddress}/dev/login?role=recon.reviewer&unit=05443&returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/review", away.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Outside_development_there_is_no_development_sign_in()
    {
        var consolePort = FreePort();
        await using var server = new ServerProcess(null,
            "Auth:Authority=https://127.0.0.1:9/realms/cccd", "Auth:Audience=cccdrecon", "Console:ClientId=cccdrecon-console",
            $"Console:Urls=http://127.0.0.1:{consolePort}")
        { Environment = "Production" };
        await server.StartAsync();
        using var devLogin = await Http.GetAsync($"http://127.0.0.1:{consolePort}/dev/login?role=recon.admin&unit=05443");
        Assert.Equal(HttpStatusCode.NotFound, devLogin.StatusCode);
        // Staff are sent to the identity provider instead.
        using var review = await Http.GetAsync($"http://127.0.0.1:{consolePort}/review");
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        Assert.StartsWith("/signin/oidc", review.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Outside_development_the_console_needs_its_openid_client()
    {
        var server = new ServerProcess(null, "Auth:Authority=https://127.0.0.1:9/realms/cccd", "Auth:Audience=cccdrecon",
            $"Console:Urls=http://127.0.0.1:{FreePort()}") { Environment = "Production" };
        await using var _ = server;
        Assert.NotEqual(0, await server.RunToExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("Console:ClientId", server.Output);
    }

    [Fact]
    public async Task A_plain_http_console_beyond_loopback_stops_the_server()
    {
        var server = new ServerProcess(null, $"Console:Urls=http://0.0.0.0:{FreePort()}");
        await using var _ = server;
        Assert.NotEqual(0, await server.RunToExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("Refusing to listen on http://0.0.0.0", server.Output);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
