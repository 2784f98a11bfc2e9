using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>A game invitation to or from the observed user was created or answered.</summary>
[GenerateSerializer]
[Immutable]
public sealed record GameInviteChangedEvent(
    [property: Id(0)] string UserId,
    [property: Id(1)] GameInvite Invite);
