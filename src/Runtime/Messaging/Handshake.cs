namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// The first frame each side sends. The acceptor checks it before answering with its own, and the
/// dialer checks the answer, so no message flows between different clusters or protocol versions.
/// </summary>
internal sealed record Handshake(int ProtocolVersion, string ClusterId, PeerIdentity Sender)
{
    /// <summary>The messaging protocol this build speaks.</summary>
    public const int CurrentProtocolVersion = 1;
}
