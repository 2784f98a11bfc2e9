namespace OrleansChat.Grains.Users;

/// <summary>A row of <c>chat_users</c>.</summary>
internal sealed record UserRecord(
    string UserId,
    string Username,
    string DisplayName,
    string? AvatarUrl,
    string? Bio,
    string? CustomStatus,
    bool IsGuest,
    DateTimeOffset CreatedAt);
