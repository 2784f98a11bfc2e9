using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>A user's presence or custom status changed.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PresenceChangedEvent(
    [property: Id(0)] string UserId,
    [property: Id(1)] PresenceStatus Presence,
    [property: Id(2)] string? CustomStatus,
    [property: Id(3)] DateTimeOffset At);
