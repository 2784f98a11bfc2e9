namespace OrleansChat.Gateway.Auth.Contracts;

/// <summary>Body of <c>GET /api/auth/me</c>.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="Username">The username.</param>
/// <param name="IsGuest">True for guests (who cannot create rooms or send friend requests).</param>
/// <param name="CreatedAt">When the account was created.</param>
/// <param name="SessionId">The session the presented token belongs to.</param>
public sealed record MeResponse(Guid UserId, string Username, bool IsGuest, DateTimeOffset CreatedAt, Guid SessionId);
