namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Evidence of life from outside the probes: the transport reports when it last received a
/// message from a silo. A monitor does not count a missed probe against a silo that sent real
/// traffic within the probe period, so a lost UDP datagram or a congested probe path alone
/// never gets a busy silo killed.
/// </summary>
public interface ISiloLivenessSource
{
    /// <summary>When a message from <paramref name="silo"/> (that exact generation) last arrived, or null if never or unknown.</summary>
    DateTimeOffset? LastMessageFrom(SiloAddress silo);
}
