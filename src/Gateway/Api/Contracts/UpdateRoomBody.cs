namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of <c>PATCH /api/rooms/{roomId}</c>; absent fields stay as they are.</summary>
/// <param name="Name">New name (admin).</param>
/// <param name="Topic">New topic (admin).</param>
/// <param name="Visibility">New visibility (owner).</param>
/// <param name="Password">New password (owner; required when switching to <c>password</c>).</param>
public sealed record UpdateRoomBody(
    string? Name,
    string? Topic,
    string? Visibility,
    string? Password);
