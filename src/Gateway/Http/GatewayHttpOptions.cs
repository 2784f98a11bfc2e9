namespace OrleansChat.Gateway.Http;

/// <summary>HTTP-level settings of the gateway (configuration section <c>Gateway:Http</c>).</summary>
public sealed class GatewayHttpOptions
{
    public const string SectionName = "Gateway:Http";

    /// <summary>
    /// The Content-Security-Policy sent with every response. The default allows scripts, styles
    /// and connections only from the gateway's own origin, no inline script, no plugins, and no
    /// framing by anyone (<c>frame-ancestors 'none'</c>). Validated to keep those properties.
    /// </summary>
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) other than the gateway's own that browsers may call
    /// the API and open the hub from (e.g. a separately served web client). Empty by default:
    /// only same-origin pages are accepted. Requests without an <c>Origin</c> header (scripts,
    /// bots) are unaffected.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>HSTS <c>max-age</c>, sent on HTTPS responses only; zero disables the header.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Adds <c>includeSubDomains</c> to HSTS; off by default because it binds every subdomain of the host.</summary>
    public bool HstsIncludeSubDomains { get; set; }

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are
    /// trusted (one hop). Empty by default: the TCP peer is the client, so a client cannot forge
    /// its address to dodge per-address login throttling.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Largest request body accepted by default, in bytes (endpoints such as uploads may raise it for themselves).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
