using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Rooms;

internal sealed partial class RoomGrain
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Room {RoomId} created by {UserId} ({Visibility})")]
    private static partial void LogCreated(ILogger logger, string roomId, string userId, RoomVisibility visibility);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Room {RoomId} deleted by {UserId}")]
    private static partial void LogDeleted(ILogger logger, string roomId, string userId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Wrong password for room {RoomId} from {UserId}")]
    private static partial void LogWrongPassword(ILogger logger, string roomId, string userId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "A notification from room {RoomId} to {Target} failed")]
    private static partial void LogNotificationFailed(ILogger logger, Exception exception, string roomId, string target);
}
