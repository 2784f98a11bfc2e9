using System.Net;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Messaging;

/// <summary>Turns silo addresses into socket endpoints (IP literals directly, names through DNS).</summary>
internal static class SiloEndpoints
{
    public static EndPoint For(SiloAddress silo) =>
        IPAddress.TryParse(silo.Host, out var ip) ? new IPEndPoint(ip, silo.Port) : new DnsEndPoint(silo.Host, silo.Port);
}
