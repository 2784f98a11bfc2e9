using OrleansChat.Runtime;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Changes to a room; null leaves a setting as it is. Name and topic need an admin; visibility and
/// password need the owner. A password is required when switching to
/// <see cref="RoomVisibility.PasswordProtected"/> (and replaces the old one when given).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record UpdateRoomRequest(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] string? Topic = null,
    [property: Id(2)] RoomVisibility? Visibility = null,
    [property: Id(3)] string? Password = null);
