namespace OrleansChat.Gateway.Auth;

/// <summary>A revoked session and the latest expiry of its access tokens (how long replicas must remember it).</summary>
internal sealed record RevokedSession(Guid SessionId, Guid UserId, DateTimeOffset AccessExpiresAt);
