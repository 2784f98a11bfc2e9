using OrleansChat.Runtime;

namespace OrleansChat.Grains.Rooms;

/// <summary>One member of a room.</summary>
[GenerateSerializer]
[Immutable]
public sealed record RoomMember(
    [property: Id(0)] string UserId,
    [property: Id(1)] RoomRole Role,
    [property: Id(2)] DateTimeOffset JoinedAt,
    [property: Id(3)] DateTimeOffset? MutedUntil);
