using System.Security.Claims;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Claims of an OrleansChat access token (a JWT, <c>typ: at+jwt</c>, HS256). Names are the JWT
/// registered names where one exists.
/// </summary>
public static class ChatClaims
{
    /// <summary>The user id (a GUID).</summary>
    public const string UserId = "sub";

    /// <summary>The session id (a GUID); revoking the session invalidates every token carrying it.</summary>
    public const string SessionId = "sid";

    /// <summary>The username.</summary>
    public const string Username = "name";

    /// <summary>
    /// Present, with the boolean value <c>true</c>, on guest tokens only. The rule it carries:
    /// guests may chat in rooms they can join and send direct messages, but may not create
    /// rooms or send friend requests. Endpoints and hub methods enforce it with the
    /// <see cref="ChatPolicies.RegisteredUser"/> policy (403 <c>auth.guest_forbidden</c>).
    /// </summary>
    public const string Guest = "chat.guest";

    /// <summary>The user id of an authenticated principal.</summary>
    public static Guid GetUserId(this ClaimsPrincipal principal) => ParseGuid(principal, UserId);

    /// <summary>The session id of an authenticated principal.</summary>
    public static Guid GetSessionId(this ClaimsPrincipal principal) => ParseGuid(principal, SessionId);

    /// <summary>Whether the principal is a guest.</summary>
    /// <remarks>By name: listing every claim would make each one into a <see cref="Claim"/> (see <see cref="AccessTokenIdentity"/>).</remarks>
    public static bool IsGuest(this ClaimsPrincipal principal) =>
        string.Equals(principal.FindFirst(Guest)?.Value, "true", StringComparison.OrdinalIgnoreCase);

    private static Guid ParseGuid(ClaimsPrincipal principal, string type) =>
        Guid.TryParse(principal.FindFirst(type)?.Value, out var value)
            ? value
            : throw new InvalidOperationException($"The principal has no valid '{type}' claim; is the endpoint missing RequireAuthorization()?");
}
