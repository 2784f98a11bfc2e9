using System.Collections.Immutable;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Rooms;

/// <summary>Members ordered by user id; pass <see cref="NextAfter"/> to get the next page (null at the end).</summary>
[GenerateSerializer]
[Immutable]
public sealed record MemberPage(
    [property: Id(0)] ImmutableArray<RoomMember> Members,
    [property: Id(1)] string? NextAfter);
