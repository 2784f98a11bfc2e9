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
    /// <remarks>
    /// The token's own user id string is kept when it already is in the grains' form (tokens are
    /// issued that way): a hub connection keeps its identity for its whole life, and a second copy
    /// of the id is a hundred bytes per idle connection (issue 8).
    /// </remarks>
    public static ChatIdentity From(ClaimsPrincipal principal)
    {
        var userId = FormatUserId(principal.GetUserId());
        var claimed = principal.FindFirst(ChatClaims.UserId)?.Value;
        return new(
            claimed is not null && string.Equals(claimed, userId, StringComparison.Ordinal) ? claimed : userId,
            principal.FindFirst(ChatClaims.Username)?.Value ?? string.Empty,
            principal.IsGuest(),
            principal.GetSessionId());
    }

    /// <summary>An account id as the grains key it.</summary>
    public static string FormatUserId(Guid userId) => userId.ToString("D");
}
