namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A room member with presence.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Username">The username.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Role"><c>owner</c>, <c>admin</c> or <c>member</c>.</param>
/// <param name="Presence"><c>online</c>, <c>away</c> or <c>offline</c>.</param>
/// <param name="CustomStatus">The custom status, e.g. "in a game".</param>
/// <param name="JoinedAt">When they joined.</param>
/// <param name="MutedUntil">Set while muted.</param>
public sealed record MemberView(
    string UserId,
    string Username,
    string DisplayName,
    string Role,
    string Presence,
    string? CustomStatus,
    DateTimeOffset JoinedAt,
    DateTimeOffset? MutedUntil);
