namespace OrleansChat.LoadTest.Client;

/// <summary>
/// One open WebSocket as the hub client needs it: a receive loop that pushes payload bytes to a
/// sink, sends of whole text messages (serialized by the caller), a close handshake and an abort.
/// </summary>
internal abstract class HubTransport
{
    /// <summary>Reads until the connection ends; returns why it ended.</summary>
    /// <exception cref="InvalidDataException">The peer broke the WebSocket protocol.</exception>
    public abstract Task<string> ReceiveAsync(byte[] buffer, IPayloadSink sink);

    /// <summary>Sends one text message. Callers serialize sends.</summary>
    public abstract ValueTask SendTextAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Starts the close handshake (the receive loop ends when the peer answers).</summary>
    public abstract Task CloseOutputAsync(CancellationToken cancellationToken);

    /// <summary>Drops the connection at once.</summary>
    public abstract void Abort();
}
