using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Authenticates a hub WebSocket request by its access token without the authentication
/// middleware's request services, so that what an open connection keeps is only its principal.
/// </summary>
/// <remarks>
/// <para>
/// A WebSocket request lasts as long as its connection, and with it everything the pipeline holds
/// for it: the authentication middleware's frame, the request's service scope with the
/// authentication service, handler provider and <see cref="ChatBearerHandler"/>, the
/// authentication result, ticket and properties — about 1.2 KB per idle connection (issue 8's
/// memory per connection, measured with dotnet-dump). Here a valid token (a hub token from the
/// query, or an access token) is checked by the same <see cref="BearerTokenValidator"/> and its
/// principal becomes the request's user; authorization (the hub's <c>[Authorize]</c>) then runs
/// as for any request and finds it authenticated.
/// </para>
/// <para>
/// Anything else (no token, or one the validator refuses) is left to the usual authentication
/// middleware, which runs next only for requests still unauthenticated: it validates again and
/// its handler answers the challenge with the reason (<c>auth.token_expired</c>,
/// <c>auth.session_revoked</c>, ...), exactly as on every other path. A validator failure (the
/// signing keys cannot be read) propagates to the exception handler as it does from the handler.
/// </para>
/// </remarks>
internal sealed class HubSocketAuthentication(RequestDelegate next, BearerTokenValidator validator)
{
    /// <summary>A WebSocket request to a hub endpoint: the one kind of request that stays open.</summary>
    public static bool Applies(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest && context.GetEndpoint()?.Metadata.GetMetadata<HubMetadata>() is not null;

    /// <remarks>Not async while validation completes at once (the usual case): an async frame would stay for the connection's life.</remarks>
    public Task InvokeAsync(HttpContext context)
    {
        var token = BearerToken.Read(context.Request, out var fromQuery);
        if (token is null)
        {
            return next(context);
        }

        var validating = validator.ValidateAsync(token, fromQuery, context.RequestAborted);
        return validating.IsCompletedSuccessfully
            ? Continue(context, validating.Result, fromQuery)
            : ContinueAsync(context, validating, fromQuery);
    }

    private async Task ContinueAsync(HttpContext context, ValueTask<AccessTokenValidation> validating, bool fromQuery) =>
        await Continue(context, await validating, fromQuery);

    private Task Continue(HttpContext context, AccessTokenValidation result, bool fromQuery)
    {
        if (result.Succeeded)
        {
            context.User = result.Principal!;
            if (fromQuery)
            {
                BearerToken.ForgetQueryToken(context.Request);
            }
        }

        return next(context);
    }
}
