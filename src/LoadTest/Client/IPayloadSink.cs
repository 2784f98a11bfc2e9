namespace OrleansChat.LoadTest.Client;

/// <summary>Receives the application bytes of a connection (WebSocket message payloads, in order, message boundaries ignored).</summary>
internal interface IPayloadSink
{
    /// <summary>Handles bytes; the span is only valid during the call.</summary>
    void OnPayload(ReadOnlySpan<byte> payload);
}
