using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Auth;

namespace OrleansChat.Gateway.Hubs;

/// <summary>
/// Closes hub connections whose session ended: at once when a revocation reaches this gateway
/// (logout or refresh-token reuse on any replica), and, when <see cref="ChatHubOptions.CloseOnTokenExpiry"/>
/// is on, when the access token a connection was opened with expires (checked every few seconds;
/// invocations check it too).
/// </summary>
internal sealed partial class HubSessionGuard(
    HubConnections connections,
    IOptions<ChatHubOptions> options,
    TimeProvider timeProvider,
    ILogger<HubSessionGuard> logger) : BackgroundService, ISessionRevokedHandler
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    public ValueTask OnSessionRevokedAsync(SessionRevoked revoked, CancellationToken cancellationToken)
    {
        foreach (var connection in connections.OfSession(revoked.SessionId))
        {
            LogClosingRevoked(logger, connection.ConnectionId, revoked.SessionId);
            connection.Abort();
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CloseOnTokenExpiry)
        {
            return;
        }

        using var timer = new PeriodicTimer(SweepInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = timeProvider.GetUtcNow();
                foreach (var connection in connections.All)
                {
                    if (connection.TokenExpiresAt is { } expires && expires <= now)
                    {
                        LogClosingExpired(logger, connection.ConnectionId);
                        connection.Abort();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 5650, Level = LogLevel.Information, Message = "Closing hub connection {ConnectionId}: session {SessionId} was revoked")]
    private static partial void LogClosingRevoked(ILogger logger, string connectionId, Guid sessionId);

    [LoggerMessage(EventId = 5651, Level = LogLevel.Information, Message = "Closing hub connection {ConnectionId}: its access token expired")]
    private static partial void LogClosingExpired(ILogger logger, string connectionId);
}
