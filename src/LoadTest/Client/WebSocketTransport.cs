namespace OrleansChat.LoadTest.Client;

/// <summary>How a client opens its WebSocket.</summary>
internal enum WebSocketTransport
{
    /// <summary>Own HTTP upgrade on a socket, then the managed WebSocket straight over the socket's stream (leanest).</summary>
    Raw,

    /// <summary><see cref="System.Net.WebSockets.ClientWebSocket"/> through a shared SocketsHttpHandler.</summary>
    ClientWebSocket,
}
