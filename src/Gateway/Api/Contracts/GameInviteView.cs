namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>An invitation to play.</summary>
/// <param name="InviteId">The invitation id.</param>
/// <param name="FromUserId">Who invites.</param>
/// <param name="ToUserId">Who is invited.</param>
/// <param name="Game">The game.</param>
/// <param name="Status"><c>pending</c>, <c>accepted</c>, <c>declined</c>, <c>cancelled</c> or <c>expired</c>.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="ExpiresAt">When a pending invitation expires.</param>
public sealed record GameInviteView(
    Guid InviteId,
    string FromUserId,
    string ToUserId,
    string Game,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
