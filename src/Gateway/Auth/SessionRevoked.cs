namespace OrleansChat.Gateway.Auth;

/// <summary>A session was revoked (logout, refresh-token reuse, and later: account ban or deletion).</summary>
/// <param name="SessionId">The <c>sid</c> claim of the session's tokens.</param>
/// <param name="UserId">Its user.</param>
public sealed record SessionRevoked(Guid SessionId, Guid UserId);
