using Grpc.Core;
using Grpc.Net.Client;

namespace CccdRecon.Cli.Token;

/// <summary>A channel to a CccdRecon server that sends the bearer token with every call.</summary>
internal static class ServerChannel
{
    /// <summary>The variable <c>--token</c> falls back to.</summary>
    public const string TokenVariable = "CCCDRECON_TOKEN";

    public static GrpcChannel Create(Uri server, string? token, HttpMessageHandler? handler = null)
    {
        var options = new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = handler is not null };
        if (!string.IsNullOrWhiteSpace(token))
        {
            var bearer = CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("Authorization", "Bearer " + token.Trim());
                return Task.CompletedTask;
            });
            var transport = server.Scheme == Uri.UriSchemeHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
            options.Credentials = ChannelCredentials.Create(transport, bearer);
            // The server accepts plain HTTP on loopback only; there the token may travel without TLS.
            options.UnsafeUseInsecureChannelCallCredentials = server.Scheme == Uri.UriSchemeHttp;
        }
        return GrpcChannel.ForAddress(server, options);
    }
}
