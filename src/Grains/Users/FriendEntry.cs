using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>Another user in a friend list, with the time the relationship reached its state.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FriendEntry(
    [property: Id(0)] string UserId,
    [property: Id(1)] DateTimeOffset Since);
