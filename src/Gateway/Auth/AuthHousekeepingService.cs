namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Deletes rows that no longer matter: sessions ended more than a day ago and login attempts
/// outside the throttling window. Every replica runs it; concurrent deletes are harmless.
/// </summary>
internal sealed partial class AuthHousekeepingService(
    SessionStore sessions, LoginThrottle throttle, TimeProvider timeProvider, ILogger<AuthHousekeepingService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SessionRetention = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, timeProvider, stoppingToken);
                var deletedSessions = await sessions.DeleteEndedAsync(timeProvider.GetUtcNow() - SessionRetention, stoppingToken);
                var deletedAttempts = await throttle.DeleteExpiredAsync(stoppingToken);
                LogCleaned(logger, deletedSessions, deletedAttempts);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 5500, Level = LogLevel.Debug, Message = "Deleted {Sessions} ended session(s) and {Attempts} old login attempt(s)")]
    private static partial void LogCleaned(ILogger logger, int sessions, int attempts);

    [LoggerMessage(EventId = 5501, Level = LogLevel.Warning, Message = "Auth housekeeping failed; retrying later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
