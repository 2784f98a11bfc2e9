using System.Security.Claims;
using OrleansChat.Gateway.Auth;

namespace OrleansChat.Gateway.Cluster;

/// <summary>The authenticated user a request or hub invocation acts for, as the grains know them.</summary>
/// <param name="UserId">The account id in the grains' form (a GUID, "D" format).</param>
/// <param name="Username">The username (also the chat user's initial display name).</param>
/// <param name="IsGuest">Guests may not create rooms, send friend requests or game invitations.</param>
/// <param name="SessionId">The session the token belongs to.</param>
internal sealed record ChatIdentity(string UserId, string Username, bool IsGuest, Guid SessionId)
{
    /// <summary>The identity of an authenticated principal (its token was validated).</summary>
    public static ChatIdentity From(ClaimsPrincipal principal) => new(
        FormatUserId(principal.GetUserId()),
        principal.FindFirst(ChatClaims.Username)?.Value ?? string.Empty,
        principal.IsGuest(),
        principal.GetSessionId());

    /// <summary>An account id as the grains key it.</summary>
    public static string FormatUserId(Guid userId) => userId.ToString("D");
}
