using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>An invitation to play <see cref="Game"/>; it expires at <see cref="ExpiresAt"/> unless answered.</summary>
[GenerateSerializer]
[Immutable]
public sealed record GameInvite(
    [property: Id(0)] Guid InviteId,
    [property: Id(1)] string FromUserId,
    [property: Id(2)] string ToUserId,
    [property: Id(3)] string Game,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] GameInviteStatus Status);
