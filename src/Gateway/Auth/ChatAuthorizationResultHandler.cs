using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Answers authorization failures with problem details: 403 <c>auth.guest_forbidden</c> when the
/// failed requirement is "not a guest", 403 <c>auth.forbidden</c> otherwise; challenges go to
/// <see cref="ChatBearerHandler"/>.
/// </summary>
internal sealed class ChatAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var guestRefused = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RegisteredUserRequirement>().Any() == true;
        return Problems.Of(guestRefused ? ErrorCodes.AuthGuestForbidden : ErrorCodes.AuthForbidden).ExecuteAsync(context);
    }
}
