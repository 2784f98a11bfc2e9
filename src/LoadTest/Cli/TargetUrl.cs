using System.Net;

namespace OrleansChat.LoadTest.Cli;

/// <summary>Checks a target URL: http(s)/ws(s), and on this machine unless remote targets are allowed explicitly.</summary>
internal static class TargetUrl
{
    /// <exception cref="ArgumentException">Not an absolute http/ws URL, or not loopback without <paramref name="allowRemote"/>.</exception>
    public static Uri Parse(string text, bool allowRemote)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            throw new ArgumentException($"--url must be an absolute http://, https://, ws:// or wss:// URL, got '{text}'.");
        }

        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));
        if (!loopback && !allowRemote)
        {
            throw new ArgumentException(
                $"--url {url.Host} is not this machine. A load test hammers its target; pass --allow-remote to aim at another host on purpose.");
        }

        return url;
    }
}
