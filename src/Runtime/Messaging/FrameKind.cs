namespace OrleansChat.Runtime.Messaging;

/// <summary>What a frame's header describes; the byte after the version byte.</summary>
internal enum FrameKind : byte
{
    Message = 1,
    Handshake = 2,
}
