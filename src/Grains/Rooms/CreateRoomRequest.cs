using OrleansChat.Runtime;

namespace OrleansChat.Grains.Rooms;

/// <summary>A new room. <see cref="Password"/> is required for, and only allowed with, <see cref="RoomVisibility.PasswordProtected"/>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CreateRoomRequest(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Topic = null,
    [property: Id(2)] RoomVisibility Visibility = RoomVisibility.Public,
    [property: Id(3)] string? Password = null);
