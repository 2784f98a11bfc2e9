using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Keeps <see cref="SessionRevocationCache"/> in step with PostgreSQL, so a session revoked on any
/// replica stops working on this one within seconds.
/// </summary>
/// <remarks>
/// Two paths, on purpose. <b>LISTEN/NOTIFY</b> on one dedicated connection delivers a revocation
/// within milliseconds of its commit, which is what lets the hub close a logged-out user's
/// connections promptly. But notifications are fire-and-forget: any sent while the listening
/// connection is down (restart, network blip, failover) are lost. So a <b>poll</b> every
/// <see cref="GatewayAuthOptions.RevocationPollInterval"/> (2 s by default) re-reads the full set
/// of revoked sessions whose access tokens may still be unexpired. Reading the whole (small:
/// revocations of the last token lifetime) set rather than "changes since a watermark" makes the
/// poll immune to commit-order and clock races between replicas. If polls keep failing, the
/// cache goes stale and tokens are refused (fail closed) rather than trusted blindly.
/// The first poll runs in <see cref="StartAsync"/>, before the server accepts requests.
/// </remarks>
internal sealed partial class SessionRevocationMonitor(
    SessionStore store,
    SessionRevocationCache cache,
    SessionRevoker revoker,
    NpgsqlDataSource dataSource,
    IOptions<GatewayAuthOptions> options,
    TimeProvider timeProvider,
    ILogger<SessionRevocationMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan ListenIdleCheck = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxListenRetryDelay = TimeSpan.FromSeconds(10);

    private readonly GatewayAuthOptions _options = options.Value;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await PollAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _options.RevocationNotifications
            ? Task.WhenAll(PollLoopAsync(stoppingToken), ListenLoopAsync(stoppingToken))
            : PollLoopAsync(stoppingToken);

    private async Task PollLoopAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.RevocationPollInterval, timeProvider, stoppingToken);
                await PollAsync(stoppingToken);
                if (failing)
                {
                    LogPollRecovered(logger);
                    failing = false;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Logged once per outage, not every 2 s.
                if (!failing)
                {
                    LogPollFailed(logger, ex);
                    failing = true;
                }
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var now = timeProvider.GetUtcNow();
        var revoked = await store.ReadRevokedAsync(now - _options.ClockSkew, cancellationToken);
        cache.MarkSynced(started);
        foreach (var session in revoked)
        {
            await revoker.ObserveAsync(session, cancellationToken);
        }

        cache.Prune(now);
    }

    private async Task ListenLoopAsync(CancellationToken stoppingToken)
    {
        var retryDelay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(logger, retryDelay.TotalSeconds, ex);
                try
                {
                    await Task.Delay(retryDelay, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxListenRetryDelay.Ticks));
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // Notifications are raised synchronously on the connection's read; they are queued and
        // handled after each wait so that handlers can be asynchronous.
        var received = new ConcurrentQueue<RevokedSession>();
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            if (TryParse(e.Payload, out var session))
            {
                received.Enqueue(session);
            }
        };

        await using (var listen = new NpgsqlCommand($"LISTEN {SessionStore.NotificationChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        LogListening(logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await connection.WaitAsync(ListenIdleCheck, stoppingToken))
            {
                // Idle: prove the connection is alive, or fail and reconnect.
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(stoppingToken);
            }

            while (received.TryDequeue(out var session))
            {
                await revoker.ObserveAsync(session, stoppingToken);
            }
        }
    }

    private static bool TryParse(string payload, out RevokedSession session)
    {
        session = null!;
        var parts = payload.Split(' ');
        if (parts.Length != 3
            || !Guid.TryParse(parts[0], out var sessionId)
            || !Guid.TryParse(parts[1], out var userId)
            || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var accessExpiresMs))
        {
            return false;
        }

        session = new RevokedSession(sessionId, userId, DateTimeOffset.FromUnixTimeMilliseconds(accessExpiresMs));
        return true;
    }

    [LoggerMessage(EventId = 5310, Level = LogLevel.Debug, Message = "Listening for session revocations")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(EventId = 5311, Level = LogLevel.Warning, Message = "Listening for session revocations failed; polling continues, retrying in {RetrySeconds:0.##} s")]
    private static partial void LogListenFailed(ILogger logger, double retrySeconds, Exception exception);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Error, Message = "Polling revoked sessions failed; tokens will be refused once the revocation cache is stale")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5313, Level = LogLevel.Information, Message = "Polling revoked sessions works again")]
    private static partial void LogPollRecovered(ILogger logger);
}
