using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Auth;

public sealed class SessionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Client => fixture.Gateway.Client;

    [Fact]
    public async Task Refresh_rotates_both_tokens_and_the_new_ones_work()
    {
        var signup = await Client.SignUpAsync(Names.Unique());

        var refreshed = await Client.RefreshAsync(signup.RefreshToken);

        Assert.NotEqual(signup.RefreshToken, refreshed.RefreshToken);
        Assert.NotEqual(signup.AccessToken, refreshed.AccessToken);
        Assert.Equal(signup.User, refreshed.User);
        Assert.Equal(signup.RefreshTokenExpiresAt, refreshed.RefreshTokenExpiresAt);
        var me = await Client.GetMeOkAsync(refreshed.AccessToken);
        Assert.Equal((await Client.GetMeOkAsync(signup.AccessToken)).SessionId, me.SessionId);
        var again = await Client.RefreshAsync(refreshed.RefreshToken);
        await Client.GetMeOkAsync(again.AccessToken);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_the_whole_session()
    {
        var signup = await Client.SignUpAsync(Names.Unique());
        var refreshed = await Client.RefreshAsync(signup.RefreshToken);

        using var reuse = await Client.PostRefreshAsync(signup.RefreshToken);

        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
        using var me = await Client.GetMeAsync(refreshed.AccessToken);
        await me.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
        using var refreshAfter = await Client.PostRefreshAsync(refreshed.RefreshToken);
        await refreshAfter.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("00000000000000000000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("zz.zz")]
    public async Task Unknown_or_malformed_refresh_tokens_are_refused(string refreshToken)
    {
        using var response = await Client.PostRefreshAsync(refreshToken);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Fact]
    public async Task A_refresh_token_with_another_sessions_secret_is_refused()
    {
        var a = await Client.SignUpAsync(Names.Unique());
        var b = await Client.SignUpAsync(Names.Unique());
        var forged = a.RefreshToken[..32] + b.RefreshToken[32..];

        using var response = await Client.PostRefreshAsync(forged);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
        await Client.RefreshAsync(a.RefreshToken);
    }

    [Fact]
    public async Task Missing_refresh_token_is_a_validation_error()
    {
        using var response = await Client.PostRefreshAsync(null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty("refreshToken", out _));
    }

    [Fact]
    public async Task Logout_revokes_the_access_token_and_the_refresh_token()
    {
        var signup = await Client.SignUpAsync(Names.Unique());

        using var logout = await Client.LogOutAsync(signup.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var me = await Client.GetMeAsync(signup.AccessToken);
        await me.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
        Assert.Contains("invalid_token", me.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var refresh = await Client.PostRefreshAsync(signup.RefreshToken);
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Fact]
    public async Task Logout_leaves_the_users_other_sessions_working()
    {
        var username = Names.Unique();
        var phone = await Client.SignUpAsync(username);
        var laptop = await Client.LogInAsync(username);

        using var logout = await Client.LogOutAsync(phone.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await Client.GetMeOkAsync(laptop.AccessToken);
        await Client.RefreshAsync(laptop.RefreshToken);
    }

    [Fact]
    public async Task Me_without_a_token_asks_for_authentication()
    {
        using var response = await Client.GetMeAsync(accessToken: null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Logout_without_a_token_asks_for_authentication()
    {
        using var response = await Client.LogOutAsync(accessToken: null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Access_token_in_the_query_string_is_ignored_outside_the_hub()
    {
        var signup = await Client.SignUpAsync(Names.Unique());

        using var response = await Client.GetAsync($"/api/auth/me?access_token={signup.AccessToken}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Tampered_token_is_refused()
    {
        var signup = await Client.SignUpAsync(Names.Unique());
        var other = await Client.SignUpAsync(Names.Unique());
        var parts = signup.AccessToken.Split('.');
        var swappedPayload = $"{parts[0]}.{other.AccessToken.Split('.')[1]}.{parts[2]}";

        using var response = await Client.GetMeAsync(swappedPayload);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.token_invalid");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")]
    public async Task Malformed_tokens_are_refused_as_invalid(string token)
    {
        using var response = await Client.GetMeAsync(token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.token_invalid");
    }

    [Fact]
    public async Task Oversized_token_is_refused_without_parsing()
    {
        using var response = await Client.GetMeAsync(new string('a', 5000) + ".b.c");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.token_invalid");
    }

    [Fact]
    public async Task Other_authorization_schemes_are_not_accepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");

        using var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Guest_token_carries_the_guest_flag_through_me()
    {
        var guest = await Client.StartGuestAsync();

        var me = await Client.GetMeOkAsync(guest.AccessToken);

        Assert.True(me.IsGuest);
        Assert.StartsWith("guest-", me.Username, StringComparison.Ordinal);
        Assert.Equal(guest.User.UserId.ToString(), new JsonWebToken(guest.AccessToken).Subject);
    }
}
