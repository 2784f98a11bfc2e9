namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A friend or a pending request.</summary>
/// <param name="UserId">The other user.</param>
/// <param name="Username">Their username.</param>
/// <param name="DisplayName">Their display name.</param>
/// <param name="Presence">Their presence.</param>
/// <param name="CustomStatus">Their custom status.</param>
/// <param name="Since">When the relationship reached its state.</param>
public sealed record FriendView(
    string UserId,
    string Username,
    string DisplayName,
    string Presence,
    string? CustomStatus,
    DateTimeOffset Since);
