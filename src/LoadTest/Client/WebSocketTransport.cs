namespace OrleansChat.LoadTest.Client;

/// <summary>How a client opens its WebSocket.</summary>
internal enum WebSocketTransport
{
    /// <summary>Own HTTP upgrade and own WebSocket framing straight on the socket (leanest).</summary>
    Raw,

    /// <summary>Own HTTP upgrade, then the framework's managed WebSocket over the socket's stream.</summary>
    Managed,

    /// <summary><see cref="System.Net.WebSockets.ClientWebSocket"/> through a shared SocketsHttpHandler.</summary>
    ClientWebSocket,
}
