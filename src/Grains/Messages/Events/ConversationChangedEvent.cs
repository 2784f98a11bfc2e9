using OrleansChat.Grains.Rooms;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages.Events;

/// <summary>A room's settings changed, or it was deleted (subscriptions end with this event).</summary>
[GenerateSerializer]
[Immutable]
public sealed record ConversationChangedEvent(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationChange Change,
    [property: Id(2)] RoomInfo? Room,
    [property: Id(3)] string ActorId,
    [property: Id(4)] DateTimeOffset At);
