using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Auth;

public sealed class GuestPolicyTests(GuestPolicyTests.Fixture fixture) : IClassFixture<GuestPolicyTests.Fixture>
{
    private const string Probe = "/test/registered-only";

    [Fact]
    public async Task A_guest_is_refused_by_the_registered_user_policy_with_guest_forbidden()
    {
        var guest = await fixture.Gateway.Client.StartGuestAsync();

        using var response = await fixture.Gateway.Client.SendAsync(AuthApi.WithToken(HttpMethod.Post, Probe, guest.AccessToken));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.guest_forbidden");
    }

    [Fact]
    public async Task A_registered_user_passes_the_registered_user_policy()
    {
        var user = await fixture.Gateway.Client.SignUpAsync(Names.Unique());

        using var response = await fixture.Gateway.Client.SendAsync(AuthApi.WithToken(HttpMethod.Post, Probe, user.AccessToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_policy_asks_for_authentication()
    {
        using var response = await fixture.Gateway.Client.SendAsync(AuthApi.WithToken(HttpMethod.Post, Probe, null));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    public sealed class Fixture : GatewayFixture
    {
        protected override void Configure(GatewayHostSettings settings) =>
            settings.MapEndpoints = app => app.MapPost(Probe, () => Results.Ok()).RequireAuthorization(ChatPolicies.RegisteredUser);
    }
}
