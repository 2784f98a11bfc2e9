namespace OrleansChat.Grains.Rooms;

/// <summary>A row of <c>chat_rooms</c>: the room's settings, guarded by <see cref="Version"/>.</summary>
internal sealed record RoomRecord(
    string RoomId,
    string Name,
    string Topic,
    RoomVisibility Visibility,
    string? PasswordHash,
    string OwnerId,
    int MemberCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    int Version);
