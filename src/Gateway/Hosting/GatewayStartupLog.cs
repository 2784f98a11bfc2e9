using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Hosting;

/// <summary>Logs the effective settings once at start-up, with the signing secret reduced to "configured" or "development default".</summary>
internal sealed partial class GatewayStartupLog(
    IOptions<GatewayAuthOptions> auth,
    IOptions<LoginThrottleOptions> throttle,
    IOptions<GatewayHttpOptions> http,
    GatewayClusterOptions cluster,
    ILogger<GatewayStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var a = auth.Value;
        var developmentSecret = a.SigningSecret == DevelopmentSecret.Value;
        LogAuth(logger, a.Issuer, a.Audience, a.AccessTokenLifetime, a.SessionLifetime, a.GuestSessionLifetime,
            a.SigningKeyLifetime, a.PasswordIterationCount, a.RevocationPollInterval, a.RevocationNotifications,
            developmentSecret ? "development default" : "configured");
        if (developmentSecret)
        {
            LogDevelopmentSecret(logger);
        }

        var t = throttle.Value;
        LogThrottle(logger, t.Window, t.MaxFailuresPerAccount, t.MaxFailuresPerAddress, t.MaxSignupsPerAddress);
        var h = http.Value;
        LogHttp(logger, h.AllowedOrigins.Count == 0 ? "(own origin only)" : string.Join(", ", h.AllowedOrigins),
            h.TrustedProxies.Count == 0 ? "(none)" : string.Join(", ", h.TrustedProxies), h.HstsMaxAge, h.MaxRequestBodyBytes);
        LogCluster(logger, cluster.Mode);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Auth: issuer {Issuer}, audience {Audience}, access tokens {AccessTokenLifetime}, sessions {SessionLifetime}, guest sessions {GuestSessionLifetime}, key rotation {SigningKeyLifetime}, PBKDF2 iterations {PasswordIterations}, revocation poll {RevocationPollInterval} (notifications {RevocationNotifications}), signing secret {SigningSecretState}")]
    private static partial void LogAuth(ILogger logger, string issuer, string audience, TimeSpan accessTokenLifetime, TimeSpan sessionLifetime,
        TimeSpan guestSessionLifetime, TimeSpan signingKeyLifetime, int passwordIterations, TimeSpan revocationPollInterval, bool revocationNotifications, string signingSecretState);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Using the public development signing secret: set Gateway:Auth:SigningSecret for anything but local development")]
    private static partial void LogDevelopmentSecret(ILogger logger);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Login throttling: window {Window}, {PerAccount} failures per account, {PerAddress} per address, {Signups} signups per address")]
    private static partial void LogThrottle(ILogger logger, TimeSpan window, int perAccount, int perAddress, int signups);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "HTTP: allowed origins {AllowedOrigins}, trusted proxies {TrustedProxies}, HSTS max-age {HstsMaxAge}, max request body {MaxRequestBodyBytes} bytes")]
    private static partial void LogHttp(ILogger logger, string allowedOrigins, string trustedProxies, TimeSpan hstsMaxAge, long maxRequestBodyBytes);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Information, Message = "Cluster mode {Mode}")]
    private static partial void LogCluster(ILogger logger, GatewayClusterMode mode);
}
