using System.Collections.Immutable;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>Friends, and pending requests in both directions.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FriendList(
    [property: Id(0)] ImmutableArray<FriendEntry> Friends,
    [property: Id(1)] ImmutableArray<FriendEntry> Incoming,
    [property: Id(2)] ImmutableArray<FriendEntry> Outgoing);
