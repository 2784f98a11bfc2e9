using System.Net;
using System.Net.Sockets;

namespace OrleansChat.Gateway.Auth;

/// <summary>Who is calling, for throttling and the session record.</summary>
/// <param name="Address">The client address key: IPv4 as is, IPv6 as its /64 prefix (one subscriber usually holds a whole /64).</param>
/// <param name="UserAgent">The User-Agent header, truncated.</param>
internal sealed record ClientInfo(string Address, string? UserAgent)
{
    private const int MaxUserAgentLength = 256;

    /// <summary>
    /// From the connection's remote address, which is the real client unless
    /// <c>Gateway:Http:TrustedProxies</c> lets the forwarded-headers middleware replace it.
    /// </summary>
    public static ClientInfo From(HttpContext context)
    {
        string? userAgent = context.Request.Headers.UserAgent;
        if (userAgent is { Length: > MaxUserAgentLength })
        {
            userAgent = userAgent[..MaxUserAgentLength];
        }

        return new ClientInfo(DescribeAddress(context.Connection.RemoteIpAddress), userAgent);
    }

    public static string DescribeAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
