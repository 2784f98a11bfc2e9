namespace OrleansChat.LoadTest.Client;

/// <summary>A connection (WebSocket upgrade plus SignalR handshake) could not be established.</summary>
internal sealed class HubConnectException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>e.g. <c>connect.refused</c>, <c>connect.http_401</c>, <c>connect.timeout</c>, <c>connect.handshake</c>.</summary>
    public string Code { get; } = code;
}
