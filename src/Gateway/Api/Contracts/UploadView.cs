namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A stored file.</summary>
/// <param name="UploadId">The id.</param>
/// <param name="Url">Where to fetch it: <c>/api/uploads/{id}</c>.</param>
/// <param name="ContentType">The type detected from the content (never the client's claim).</param>
/// <param name="Size">Bytes.</param>
/// <param name="FileName">The sanitized file name.</param>
/// <param name="ConversationId">The conversation whose members may fetch it; null for avatars (public).</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record UploadView(
    Guid UploadId,
    string Url,
    string ContentType,
    long Size,
    string FileName,
    string? ConversationId,
    DateTimeOffset CreatedAt);
