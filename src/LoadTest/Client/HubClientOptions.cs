namespace OrleansChat.LoadTest.Client;

/// <summary>Settings shared by every client of a fleet.</summary>
internal sealed record HubClientOptions
{
    /// <summary>The hub's URL (http or ws scheme); the access token is added as a query parameter.</summary>
    public required Uri HubUrl { get; init; }

    /// <summary>How the WebSocket is opened (see <see cref="WebSocketTransport"/>).</summary>
    public WebSocketTransport Transport { get; init; } = WebSocketTransport.Raw;

    /// <summary>Bytes read per WebSocket receive; a record larger than this is reassembled across reads.</summary>
    public int ReceiveBufferBytes { get; init; } = 4096;

    /// <summary>Largest record accepted before the connection is treated as broken.</summary>
    public int MaxRecordBytes { get; init; } = 1 << 20;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>An invocation without an answer after this long fails with <c>client.timeout</c>.</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A client that has sent nothing for this long sends a SignalR ping (the server's default client timeout is 30 s).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A connection that has received nothing (the server pings every 15 s) for this long is dropped and reconnected.</summary>
    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Connection attempts per client during set-up before it counts as failed.</summary>
    public int ConnectAttempts { get; init; } = 3;

    /// <summary>Reconnect attempts after an unexpected drop before the client gives up.</summary>
    public int ReconnectAttempts { get; init; } = 20;

    /// <summary>Longest pause between reconnect attempts (exponential backoff with jitter up to this).</summary>
    public TimeSpan MaxReconnectBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reconnects the fleet runs at once (a reconnect storm is bounded by this).</summary>
    public int ReconnectConcurrency { get; init; } = 100;

    /// <summary>Subscribe pages fetched after a reconnect when the catch-up list is capped.</summary>
    public int MaxCatchUpPages { get; init; } = 100;
}
