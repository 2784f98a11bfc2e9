using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Persistence.PostgreSql;

internal sealed partial class PostgreSqlGrainStorage
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Trace, Message = "Storage {StorageName} read {GrainId} state {StateName}: ETag {ETag}")]
    private static partial void LogRead(ILogger logger, string storageName, GrainId grainId, string stateName, string? eTag);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Trace, Message = "Storage {StorageName} wrote {GrainId} state {StateName}: ETag {ETag}")]
    private static partial void LogWritten(ILogger logger, string storageName, GrainId grainId, string stateName, string eTag);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Trace, Message = "Storage {StorageName} cleared {GrainId} state {StateName}: ETag {ETag}")]
    private static partial void LogCleared(ILogger logger, string storageName, GrainId grainId, string stateName, string? eTag);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "{Operation} refused by storage {StorageName} for {GrainId} state {StateName}: held ETag {HeldETag}, stored {StoredETag}")]
    private static partial void LogConflict(ILogger logger, string operation, string storageName, GrainId grainId, string stateName, string? heldETag, string? storedETag);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Storage {StorageName} holds unreadable state for {GrainId} state {StateName} ({PayloadBytes} bytes); the row is left unchanged")]
    private static partial void LogCorrupt(ILogger logger, Exception exception, string storageName, GrainId grainId, string stateName, int payloadBytes);
}
