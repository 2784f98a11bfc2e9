namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of <c>POST /api/invites</c>.</summary>
/// <param name="UserId">Who to invite (a registered user).</param>
/// <param name="Game">1-64 characters on one line.</param>
public sealed record GameInviteBody(
    string? UserId,
    string? Game);
