using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace OrleansChat.Gateway.Http;

/// <summary>
/// Adds the browser-hardening headers to every response: Content-Security-Policy (no inline
/// script, <c>frame-ancestors 'none'</c>), <c>X-Content-Type-Options: nosniff</c>, a referrer
/// policy, framing and cross-origin isolation headers, HSTS on HTTPS, and <c>Cache-Control:
/// no-store</c> on API responses that set no caching of their own (they carry tokens and
/// private data).
/// </summary>
/// <remarks>
/// The headers are written in <c>OnStarting</c>, not before calling the next component, because
/// the exception handler clears the response's headers when it replaces a failed response. A
/// <c>101 Switching Protocols</c> answer (the hub's WebSocket handshake) gets none: no browser
/// renders, frames or caches it, and Kestrel keeps a WebSocket request's response headers for the
/// connection's whole life, where these seven (none of them a header Kestrel knows by name) cost
/// about 340 bytes per idle connection (issue 8). A refused handshake (401, 403) still gets them.
/// </remarks>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<GatewayHttpOptions> options)
{
    private readonly string _contentSecurityPolicy = options.Value.ContentSecurityPolicy;
    private readonly string _strictTransportSecurity = BuildHsts(options.Value);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (self, context) = ((SecurityHeadersMiddleware, HttpContext))state;
            self.Apply(context);
            return Task.CompletedTask;
        }, (this, context));
        return next(context);
    }

    private void Apply(HttpContext context)
    {
        if (context.Response.StatusCode == StatusCodes.Status101SwitchingProtocols)
        {
            return;
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = _contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        if (context.Request.IsHttps && _strictTransportSecurity.Length > 0)
        {
            headers.StrictTransportSecurity = _strictTransportSecurity;
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !headers.ContainsKey(HeaderNames.CacheControl))
        {
            headers.CacheControl = "no-store";
        }
    }

    private static string BuildHsts(GatewayHttpOptions options)
    {
        if (options.HstsMaxAge <= TimeSpan.Zero)
        {
            return string.Empty;
        }

        var value = "max-age=" + ((long)options.HstsMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return options.HstsIncludeSubDomains ? value + "; includeSubDomains" : value;
    }
}
