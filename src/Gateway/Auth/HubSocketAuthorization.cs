using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Authorizes a hub WebSocket request whose user is already authenticated and, when the endpoint's
/// policy is met at once, runs the endpoint directly; anything else goes on to the authorization
/// middleware, which decides and answers as for any request.
/// </summary>
/// <remarks>
/// The authorization middleware awaits the endpoint, so for a WebSocket request its frame — the
/// policy, the authentication result with its ticket and properties, the authorization result —
/// stays for as long as the connection is open: about 700 bytes per idle connection (issue 8's
/// memory per connection). This evaluates the same policy (the endpoint's authorization metadata,
/// combined by the same policy provider) with the same <see cref="IAuthorizationService"/> and the
/// request as resource, and keeps nothing: the endpoint's task is returned as it is. It never
/// refuses; a policy that is not met, or not known at once, a policy naming its own authentication
/// schemes, and an anonymous endpoint are left to the middleware.
/// </remarks>
internal sealed class HubSocketAuthorization(RequestDelegate next, IAuthorizationPolicyProvider policies, IAuthorizationService authorization)
{
    private readonly ConcurrentDictionary<Endpoint, AuthorizationPolicy?> _cache = new();

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.RequestDelegate is not { } run
            || context.User.Identity?.IsAuthenticated != true
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || PolicyFor(endpoint) is not { AuthenticationSchemes.Count: 0 } policy)
        {
            return next(context);
        }

        var evaluating = authorization.AuthorizeAsync(context.User, context, policy);
        return evaluating.IsCompletedSuccessfully
            ? (evaluating.Result.Succeeded ? run(context) : next(context))
            : ContinueAsync(context, evaluating, run);
    }

    /// <summary>An evaluation that did not complete at once (no handler of the gateway's does that): its frame stays, as the middleware's would.</summary>
    private async Task ContinueAsync(HttpContext context, Task<AuthorizationResult> evaluating, RequestDelegate run)
    {
        var result = await evaluating;
        await (result.Succeeded ? run(context) : next(context));
    }

    private AuthorizationPolicy? PolicyFor(Endpoint endpoint)
    {
        if (_cache.TryGetValue(endpoint, out var cached))
        {
            return cached;
        }

        var combining = AuthorizationPolicy.CombineAsync(
            policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        if (!combining.IsCompletedSuccessfully)
        {
            // A provider that answers later: not worth waiting for here, the middleware will.
            return null;
        }

        var policy = combining.Result;
        if (policies.AllowsCachingPolicies)
        {
            _cache.TryAdd(endpoint, policy);
        }

        return policy;
    }
}
