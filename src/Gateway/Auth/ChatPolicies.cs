using Microsoft.AspNetCore.Authorization;

namespace OrleansChat.Gateway.Auth;

/// <summary>Authorization policies shared by REST endpoints and (later) hub methods.</summary>
public static class ChatPolicies
{
    /// <summary>
    /// An authenticated user who is not a guest (no <see cref="ChatClaims.Guest"/> claim). Use on
    /// room creation and friend requests; a guest is refused with 403 <c>auth.guest_forbidden</c>.
    /// </summary>
    public const string RegisteredUser = "chat.registered";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(RegisteredUser, policy => policy
            .AddAuthenticationSchemes(ChatBearerDefaults.Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new RegisteredUserRequirement()));
    }
}
