namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of <c>PATCH /api/me/profile</c>; absent fields stay, empty avatar or bio clears it.</summary>
/// <param name="DisplayName">1-64 characters on one line.</param>
/// <param name="AvatarUrl">An https URL or a server path.</param>
/// <param name="Bio">Up to 1,000 characters.</param>
public sealed record UpdateProfileBody(
    string? DisplayName,
    string? AvatarUrl,
    string? Bio);
