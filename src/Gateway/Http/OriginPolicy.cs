using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Http;

/// <summary>
/// Decides which browser origins may call the API and open WebSockets: the gateway's own origin
/// (scheme and <c>Host</c> of the request itself) plus <see cref="GatewayHttpOptions.AllowedOrigins"/>.
/// </summary>
/// <remarks>
/// Same-origin is judged from the request's own Host: a page on another site cannot make a
/// browser send that site's Origin together with this gateway's Host. A DNS-rebound page can
/// (both name the attacker's domain), but it gains nothing: authentication is by bearer token,
/// which lives in the real origin's storage and is never attached by the browser on its own.
/// Deployments can additionally pin host names with ASP.NET Core's <c>AllowedHosts</c>.
/// </remarks>
internal sealed class OriginPolicy
{
    private readonly HashSet<string> _configured;

    public OriginPolicy(IOptions<GatewayHttpOptions> options)
    {
        _configured = new HashSet<string>(StringComparer.Ordinal);
        foreach (var origin in options.Value.AllowedOrigins)
        {
            if (TryNormalize(origin, out var normalized))
            {
                _configured.Add(normalized);
            }
        }
    }

    /// <summary>Whether a request carrying <paramref name="origin"/> may proceed.</summary>
    public bool IsAllowed(HttpRequest request, string origin)
    {
        if (!TryNormalize(origin, out var normalized))
        {
            return false;
        }

        return _configured.Contains(normalized)
            || (TryNormalize($"{request.Scheme}://{request.Host.Value}", out var own) && own == normalized);
    }

    /// <summary>Whether <paramref name="origin"/> is one of the configured cross-origin callers (CORS applies to these only).</summary>
    public bool IsConfiguredCrossOrigin(string origin) => TryNormalize(origin, out var normalized) && _configured.Contains(normalized);

    /// <summary>
    /// Canonical <c>scheme://host[:port]</c> (lower case, default port omitted) of an http(s)
    /// origin; false for anything else, including <c>null</c>, wildcards, paths and user info.
    /// </summary>
    public static bool TryNormalize(string? origin, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(origin)
            || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0
            || origin.Contains('*', StringComparison.Ordinal))
        {
            return false;
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : uri.IdnHost;
        normalized = uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
        normalized = normalized.ToLowerInvariant();
        return true;
    }
}
