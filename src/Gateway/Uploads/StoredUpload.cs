namespace OrleansChat.Gateway.Uploads;

/// <summary>A stored file's metadata.</summary>
public sealed record StoredUpload(
    Guid UploadId,
    string OwnerId,
    string? ConversationId,
    UploadPurpose Purpose,
    string ContentType,
    string FileName,
    int Size,
    DateTimeOffset CreatedAt);
