using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>The observed user's relationship to <see cref="OtherUserId"/> is now <see cref="State"/>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FriendshipChangedEvent(
    [property: Id(0)] string UserId,
    [property: Id(1)] string OtherUserId,
    [property: Id(2)] FriendshipState State,
    [property: Id(3)] DateTimeOffset At);
