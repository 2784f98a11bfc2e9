using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace OrleansChat.LoadTest.Client;

/// <summary>
/// Connects with <see cref="ClientWebSocket"/> through one shared <see cref="SocketsHttpHandler"/>.
/// Reads then pass through the HTTP connection's buffered stream before reaching the WebSocket.
/// </summary>
internal sealed class ClientWebSocketConnector : IWebSocketConnector
{
    private readonly SocketsHttpHandler _handler;
    private readonly HttpMessageInvoker _invoker;

    public ClientWebSocketConnector(TimeSpan connectTimeout)
    {
        _handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = connectTimeout,
        };
        _invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
    }

    public async Task<HubTransport> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        // SignalR has its own pings; WebSocket-level ones would double the idle traffic.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(url, _invoker, cancellationToken);
            return new ManagedWebSocketTransport(socket);
        }
        catch (Exception ex) when (ex is not HubConnectException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            if (ex is OperationCanceledException)
            {
                throw ConnectErrors.Cancelled(ex, cancellationToken);
            }

            if (status != 0 && status != HttpStatusCode.SwitchingProtocols)
            {
                throw ConnectErrors.HttpStatus((int)status, ex);
            }

            throw ConnectErrors.From(ex);
        }
    }

    public void Dispose()
    {
        _invoker.Dispose();
        _handler.Dispose();
    }
}
