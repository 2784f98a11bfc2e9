using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Users;

internal sealed partial class UserGrain
{
    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "User {UserId} registered as {Username} (guest: {IsGuest})")]
    private static partial void LogRegistered(ILogger logger, string userId, string username, bool isGuest);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Information, Message = "User {UserId} blocked {BlockedId}")]
    private static partial void LogBlocked(ILogger logger, string userId, string blockedId);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "Relaying from user {UserId} to {Target} failed")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string userId, string target);
}
