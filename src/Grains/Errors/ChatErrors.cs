namespace OrleansChat.Grains.Errors;

/// <summary>Shorthands for raising coded errors inside the grains.</summary>
internal static class ChatErrors
{
    public static ChatException Of(string code, string detail) => ChatException.Create(code, detail);

    public static ChatException StorageUnavailable(Exception cause) =>
        ChatException.Create(ChatErrorCodes.StorageUnavailable, "The database is unavailable; the operation was not applied. Retry later.", cause);
}
