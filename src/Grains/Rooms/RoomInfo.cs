using OrleansChat.Runtime;

namespace OrleansChat.Grains.Rooms;

/// <summary>A room as a caller sees it (the password hash never leaves the grain). <see cref="CallerRole"/> is null for non-members.</summary>
[GenerateSerializer]
[Immutable]
public sealed record RoomInfo(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Topic,
    [property: Id(4)] RoomVisibility Visibility,
    [property: Id(5)] string OwnerId,
    [property: Id(6)] int MemberCount,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] long LastSeq,
    [property: Id(9)] RoomRole? CallerRole);
