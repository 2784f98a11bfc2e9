namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of <c>PUT /api/rooms/{roomId}/members/{userId}/role</c>.</summary>
/// <param name="Role"><c>admin</c> (promote) or <c>member</c> (demote).</param>
public sealed record RoleBody(
    string? Role);
