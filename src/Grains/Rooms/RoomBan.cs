using OrleansChat.Runtime;

namespace OrleansChat.Grains.Rooms;

/// <summary>A ban; <see cref="ExpiresAt"/> null means until lifted.</summary>
[GenerateSerializer]
[Immutable]
public sealed record RoomBan(
    [property: Id(0)] string UserId,
    [property: Id(1)] string BannedBy,
    [property: Id(2)] string? Reason,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? ExpiresAt)
{
    public bool IsActive(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
