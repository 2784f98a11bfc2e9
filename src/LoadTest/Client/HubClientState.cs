namespace OrleansChat.LoadTest.Client;

internal enum HubClientState
{
    Disconnected,
    Connecting,
    Connected,

    /// <summary>Closed on purpose; the fleet does not reconnect it.</summary>
    Closed,
}
