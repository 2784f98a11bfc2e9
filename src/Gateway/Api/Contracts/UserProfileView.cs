namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A user's public profile with presence.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Username">The username.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="AvatarUrl">An https URL or a server path (uploads: <c>/api/uploads/{id}</c>).</param>
/// <param name="Bio">The bio.</param>
/// <param name="IsGuest">Guests cannot create rooms or send friend requests.</param>
/// <param name="CreatedAt">When the user registered.</param>
/// <param name="Presence"><c>online</c>, <c>away</c> or <c>offline</c>.</param>
/// <param name="CustomStatus">The custom status.</param>
public sealed record UserProfileView(
    string UserId,
    string Username,
    string DisplayName,
    string? AvatarUrl,
    string? Bio,
    bool IsGuest,
    DateTimeOffset CreatedAt,
    string Presence,
    string? CustomStatus);
