using OrleansChat.Runtime;

namespace OrleansChat.Grains.Rooms;

/// <summary>A room in the public directory.</summary>
[GenerateSerializer]
[Immutable]
public sealed record RoomSummary(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Topic,
    [property: Id(3)] RoomVisibility Visibility,
    [property: Id(4)] int MemberCount);
