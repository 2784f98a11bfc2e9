using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Gateway.Auth;

namespace OrleansChat.Gateway.Tests.Auth;

/// <summary>
/// The hub's fast path past the authorization middleware runs the endpoint only when the
/// endpoint's policy is met; everything else goes on to the middleware. The policy is evaluated by
/// the real authorization services; the end to end hub tests cover the middleware's answers.
/// </summary>
public sealed class HubSocketAuthorizationTests
{
    private static readonly ClaimsPrincipal Authenticated = new(new ClaimsIdentity([new Claim("sub", "u1")], "test"));
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    [Fact]
    public async Task An_authenticated_user_meeting_the_policy_runs_the_endpoint()
    {
        Assert.Equal("endpoint", await RunAsync(Authenticated, new AuthorizeAttribute()));
    }

    [Fact]
    public async Task A_policy_not_met_goes_on_to_the_middleware()
    {
        Assert.Equal("middleware", await RunAsync(Authenticated, new AuthorizeAttribute { Roles = "admin" }));
    }

    [Fact]
    public async Task An_anonymous_user_goes_on_to_the_middleware()
    {
        Assert.Equal("middleware", await RunAsync(Anonymous, new AuthorizeAttribute()));
    }

    [Fact]
    public async Task A_policy_with_its_own_schemes_and_an_anonymous_endpoint_go_on_to_the_middleware()
    {
        Assert.Equal("middleware", await RunAsync(Authenticated, new AuthorizeAttribute { AuthenticationSchemes = "other" }));
        Assert.Equal("middleware", await RunAsync(Authenticated, new AuthorizeAttribute(), new AllowAnonymousAttribute()));
    }

    [Fact]
    public async Task No_endpoint_goes_on_to_the_middleware()
    {
        Assert.Equal("middleware", await RunAsync(Authenticated));
    }

    private static async Task<string> RunAsync(ClaimsPrincipal user, params object[] metadata)
    {
        using var services = new ServiceCollection().AddLogging().AddAuthorization().BuildServiceProvider();
        var ran = "nothing";
        var context = new DefaultHttpContext { User = user, RequestServices = services };
        if (metadata.Length > 0)
        {
            context.SetEndpoint(new Endpoint(_ => { ran = "endpoint"; return Task.CompletedTask; }, new EndpointMetadataCollection(metadata), "hub"));
        }

        var middleware = new HubSocketAuthorization(
            _ => { ran = "middleware"; return Task.CompletedTask; },
            services.GetRequiredService<IAuthorizationPolicyProvider>(),
            services.GetRequiredService<IAuthorizationService>());
        await middleware.InvokeAsync(context);
        return ran;
    }
}
