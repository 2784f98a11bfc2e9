using System.Net;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// Turns ASPNETCORE_URLS-style values into endpoints. Needed because listening on the messaging
/// port in code makes Kestrel ignore the configured URLs.
/// </summary>
internal static class HttpEndpoints
{
    public static IEnumerable<IPEndPoint> Parse(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Uri refuses wildcard hosts, so swap them for a placeholder first.
            var normalized = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new InvalidOperationException($"Unsupported URL '{url}': the silo serves plain http://host:port.");
            }

            var address = uri.Host switch
            {
                "wildcard" or "0.0.0.0" => IPAddress.Any,
                "localhost" => IPAddress.Loopback,
                _ => IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : throw new InvalidOperationException($"URL '{url}' needs an IP address, localhost or *."),
            };
            yield return new IPEndPoint(address, uri.Port);
        }
    }
}
