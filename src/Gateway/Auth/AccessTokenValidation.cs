using System.Security.Claims;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Auth;

/// <summary>Outcome of validating an access token: a principal, or the error code to answer with.</summary>
internal sealed record AccessTokenValidation(ClaimsPrincipal? Principal, string? FailureCode)
{
    public static AccessTokenValidation Invalid { get; } = new(null, ErrorCodes.AuthTokenInvalid);

    public static AccessTokenValidation Expired { get; } = new(null, ErrorCodes.AuthTokenExpired);

    public static AccessTokenValidation Revoked { get; } = new(null, ErrorCodes.AuthSessionRevoked);

    public static AccessTokenValidation Unavailable { get; } = new(null, ErrorCodes.AuthUnavailable);

    public bool Succeeded => Principal is not null;

    /// <summary>
    /// Why a token of <paramref name="sessionId"/> is refused now that it checked out otherwise:
    /// the session was revoked, or this replica's revocation cache is stale (fail closed); null when it is accepted.
    /// </summary>
    public static AccessTokenValidation? SessionRefusal(SessionRevocationCache revocations, Guid sessionId) =>
        !revocations.IsFresh ? Unavailable
        : revocations.IsRevoked(sessionId) ? Revoked
        : null;
}
