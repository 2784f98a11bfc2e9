using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>Opens <see cref="WebSocketConnection"/>s to a fixed hub URL, optionally sending an <c>Origin</c> header as a browser would.</summary>
internal sealed class WebSocketConnectionFactory(Uri uri, string? origin) : IConnectionFactory
{
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new WebSocketConnection(socket);
    }
}
