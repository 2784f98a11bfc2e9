using System.Globalization;
using System.Net;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// Who a process is on the wire: a silo incarnation ("address:port:generation", so a restarted silo
/// is a different peer) or a client id.
/// </summary>
internal sealed record PeerIdentity(ConnectionRole Role, string Id)
{
    public static PeerIdentity ForSilo(IPEndPoint endpoint, long generation) =>
        new(ConnectionRole.Silo, string.Create(CultureInfo.InvariantCulture, $"{endpoint}:{generation}"));

    public static PeerIdentity ForClient(string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        return new(ConnectionRole.Client, clientId);
    }

    public override string ToString() => $"{Role} {Id}";
}
