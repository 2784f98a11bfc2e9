namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of <c>POST /api/rooms/{roomId}/join</c>.</summary>
/// <param name="Password">The room password, for <c>password</c> rooms (an invitation stands in for it).</param>
public sealed record JoinRoomBody(
    string? Password);
