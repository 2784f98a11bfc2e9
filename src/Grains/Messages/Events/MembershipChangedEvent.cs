using OrleansChat.Grains.Rooms;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages.Events;

/// <summary>
/// A membership change in a room. Gateways stop relaying a room's events to a user's connections
/// when they see that user <see cref="MembershipChange.Left"/>, was kicked or banned.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record MembershipChangedEvent(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string UserId,
    [property: Id(2)] MembershipChange Change,
    [property: Id(3)] RoomRole? Role,
    [property: Id(4)] string? ActorId,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] DateTimeOffset? Until = null,
    [property: Id(7)] string? Reason = null);
