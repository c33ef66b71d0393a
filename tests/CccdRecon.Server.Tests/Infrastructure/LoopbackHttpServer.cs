using System.Net;

namespace CccdRecon.Server.Tests.Infrastructure;

/// <summary>
/// A plain HTTP/1.1 server on a free loopback port, standing for a party outside the service in a test (an OpenID
/// Connect authority, an OpenTelemetry collector): each request is given to <c>handle</c>, which answers it.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handle;
    private readonly Task _serving;

    public LoopbackHttpServer(Func<HttpListenerContext, Task> handle)
    {
        _handle = handle;
        Address = $"http://127.0.0.1:{ServerProcess.FreePort()}/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The server's root, ending with a slash.</summary>
    public string Address { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            await _handle(context);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
