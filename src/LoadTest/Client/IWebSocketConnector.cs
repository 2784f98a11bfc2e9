namespace OrleansChat.LoadTest.Client;

/// <summary>Opens a client WebSocket to a URL (the hub's, access token included).</summary>
internal interface IWebSocketConnector : IDisposable
{
    /// <exception cref="HubConnectException">The connection or the upgrade failed; the code says how.</exception>
    Task<HubTransport> ConnectAsync(Uri url, CancellationToken cancellationToken);
}
