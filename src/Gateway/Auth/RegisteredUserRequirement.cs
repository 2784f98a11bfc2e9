using Microsoft.AspNetCore.Authorization;

namespace OrleansChat.Gateway.Auth;

/// <summary>Met by any authenticated principal without the <see cref="ChatClaims.Guest"/> claim.</summary>
internal sealed class RegisteredUserRequirement : AuthorizationHandler<RegisteredUserRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RegisteredUserRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && !context.User.IsGuest())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
