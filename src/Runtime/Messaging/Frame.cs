namespace OrleansChat.Runtime.Messaging;

/// <summary>One decoded frame: either a message or a handshake.</summary>
internal readonly record struct Frame(FrameKind Kind, Message? Message, Handshake? Handshake)
{
    public static Frame ForMessage(Message message) => new(FrameKind.Message, message, null);

    public static Frame ForHandshake(Handshake handshake) => new(FrameKind.Handshake, null, handshake);
}
