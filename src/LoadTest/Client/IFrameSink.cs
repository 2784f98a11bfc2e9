namespace OrleansChat.LoadTest.Client;

/// <summary>What a <see cref="WebSocketFrameReader"/> finds: data payload bytes and complete control frames.</summary>
internal interface IFrameSink : IPayloadSink
{
    /// <summary>A complete control frame (close, ping or pong); the payload is at most 125 bytes and only valid during the call.</summary>
    void OnControl(WebSocketOpcode opcode, ReadOnlySpan<byte> payload);
}
