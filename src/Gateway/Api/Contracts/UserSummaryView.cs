namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A user in search results.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Username">The username.</param>
/// <param name="DisplayName">The display name.</param>
public sealed record UserSummaryView(
    string UserId,
    string Username,
    string DisplayName);
