using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// Tells membership when a silo last sent us anything over the transport. A silo that is busy
/// answering calls is alive even if a probe was lost, so this traffic vetoes a suspicion vote
/// (the defence against false deaths under load that Orleans lacked, #9036).
/// </summary>
internal sealed class TransportLivenessSource(ConnectionRegistry inbound, ConnectionManager outbound, TimeProvider timeProvider) : ISiloLivenessSource
{
    public DateTimeOffset? LastMessageFrom(SiloAddress silo)
    {
        var id = silo.ToString();
        long? best = null;
        if (inbound.FindByPeer(id) is { } connection)
        {
            best = connection.MillisecondsSinceLastReceive;
        }

        if (outbound.TryGetConnection(SiloEndpoints.For(silo), out var dialed) && dialed.RemoteIdentity.Id == id
            && dialed.MillisecondsSinceLastReceive is { } sinceDialed && (best is null || sinceDialed < best))
        {
            best = sinceDialed;
        }

        return best is { } elapsed ? timeProvider.GetUtcNow() - TimeSpan.FromMilliseconds(elapsed) : null;
    }
}
