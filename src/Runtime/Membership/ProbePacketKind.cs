namespace OrleansChat.Runtime.Membership;

/// <summary>Kind byte of a probe datagram.</summary>
internal enum ProbePacketKind : byte
{
    /// <summary>"Are you cluster C, generation G?"</summary>
    Probe = 1,

    /// <summary>Yes: the responder is that incarnation and alive.</summary>
    Ack = 2,

    /// <summary>
    /// No: another cluster, another generation on the same port, or an incarnation that knows it
    /// was declared dead. Counts as a miss, never as alive.
    /// </summary>
    Nack = 3,
}
