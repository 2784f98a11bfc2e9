using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>A user's public profile with their current presence and custom status.</summary>
[GenerateSerializer]
[Immutable]
public sealed record UserProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string? AvatarUrl,
    [property: Id(4)] string? Bio,
    [property: Id(5)] bool IsGuest,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] PresenceStatus Presence,
    [property: Id(8)] string? CustomStatus);
