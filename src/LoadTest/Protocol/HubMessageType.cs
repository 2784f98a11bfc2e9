namespace OrleansChat.LoadTest.Protocol;

/// <summary>The <c>type</c> field of SignalR hub protocol messages.</summary>
internal enum HubMessageType
{
    /// <summary>No <c>type</c> field: the handshake response, or something unknown.</summary>
    None = 0,
    Invocation = 1,
    StreamItem = 2,
    Completion = 3,
    StreamInvocation = 4,
    CancelInvocation = 5,
    Ping = 6,
    Close = 7,
    Ack = 8,
    Sequence = 9,
}
