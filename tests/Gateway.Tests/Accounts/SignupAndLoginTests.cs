using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Accounts;

public sealed class SignupAndLoginTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Client => fixture.Gateway.Client;

    [Fact]
    public async Task Signup_returns_tokens_for_the_new_account_and_me_describes_it()
    {
        var username = Names.Unique("Alice");

        var tokens = await Client.SignUpAsync(username);

        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(username, tokens.User.Username);
        Assert.False(tokens.User.IsGuest);
        Assert.True(tokens.ExpiresIn is > 0 and <= 15 * 60);
        Assert.True(tokens.RefreshTokenExpiresAt > tokens.AccessTokenExpiresAt);
        var me = await Client.GetMeOkAsync(tokens.AccessToken);
        Assert.Equal(tokens.User.UserId, me.UserId);
        Assert.Equal(username, me.Username);
        Assert.False(me.IsGuest);
    }

    [Fact]
    public async Task Login_with_the_signup_password_starts_a_new_working_session()
    {
        var username = Names.Unique();
        var signup = await Client.SignUpAsync(username);

        var login = await Client.LogInAsync(username);

        Assert.Equal(signup.User.UserId, login.User.UserId);
        var me = await Client.GetMeOkAsync(login.AccessToken);
        Assert.NotEqual((await Client.GetMeOkAsync(signup.AccessToken)).SessionId, me.SessionId);
    }

    [Fact]
    public async Task Login_ignores_the_case_of_the_username()
    {
        var username = Names.Unique("MixedCase");
        var signup = await Client.SignUpAsync(username);

        var login = await Client.LogInAsync(username.ToUpperInvariant());

        Assert.Equal(signup.User.UserId, login.User.UserId);
        Assert.Equal(username, login.User.Username);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_invalid_credentials()
    {
        var username = Names.Unique();
        await Client.SignUpAsync(username);

        using var response = await Client.PostLoginAsync(username, "not the password");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task Unknown_username_is_refused_exactly_like_a_wrong_password()
    {
        var known = Names.Unique();
        await Client.SignUpAsync(known);

        using var wrongPassword = await Client.PostLoginAsync(known, "not the password");
        using var unknownUser = await Client.PostLoginAsync(Names.Unique("nobody"), "not the password");

        var a = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var b = await unknownUser.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.TryGetProperty("detail", out var da) ? da.GetString() : null, b.TryGetProperty("detail", out var db) ? db.GetString() : null);
    }

    [Fact]
    public async Task Username_differing_only_in_case_is_refused_as_taken()
    {
        var username = Names.Unique("Bob");
        await Client.SignUpAsync(username);

        using var response = await Client.PostSignupAsync(username.ToUpperInvariant(), Names.Password);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "auth.username_taken");
    }

    [Theory]
    [InlineData(null, Names.Password, "username")]
    [InlineData("ab", Names.Password, "username")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", Names.Password, "username")]
    [InlineData("has space", Names.Password, "username")]
    [InlineData("émile", Names.Password, "username")]
    [InlineData("<script>", Names.Password, "username")]
    [InlineData("guest-123456", Names.Password, "username")]
    [InlineData("valid_name", null, "password")]
    [InlineData("valid_name", "short", "password")]
    [InlineData("valid_name", "valid_name", "password")]
    public async Task Signup_with_bad_input_is_refused_with_request_invalid_naming_the_field(string? username, string? password, string field)
    {
        using var response = await Client.PostSignupAsync(username, password);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"errors should name '{field}': {problem}");
        Assert.True(messages.GetArrayLength() > 0);
    }

    [Fact]
    public async Task Password_longer_than_256_characters_is_refused()
    {
        using var response = await Client.PostSignupAsync(Names.Unique(), new string('p', 257));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Username_of_32_characters_and_password_of_256_are_accepted()
    {
        var username = Names.Unique("n").PadRight(32, 'x');

        var tokens = await Client.SignUpAsync(username, new string('p', 256));

        Assert.Equal(username, tokens.User.Username);
    }

    [Fact]
    public async Task Unreadable_json_is_refused_with_request_invalid()
    {
        using var content = new StringContent("{\"username\": 5", Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/auth/signup", content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
    }

    [Fact]
    public async Task Login_without_a_password_is_refused_before_any_check()
    {
        using var response = await Client.PostLoginAsync(Names.Unique(), null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Guest_login_creates_a_guest_with_a_generated_name_and_the_guest_claim()
    {
        var first = await Client.StartGuestAsync();
        var second = await Client.StartGuestAsync();

        Assert.True(first.User.IsGuest);
        Assert.Matches("^guest-[0-9a-f]{6}$", first.User.Username);
        Assert.NotEqual(first.User.Username, second.User.Username);
        var me = await Client.GetMeOkAsync(first.AccessToken);
        Assert.True(me.IsGuest);
        var token = new JsonWebToken(first.AccessToken);
        Assert.True(token.TryGetPayloadValue<bool>("chat.guest", out var guest) && guest);
        Assert.False(new JsonWebToken((await Client.SignUpAsync(Names.Unique())).AccessToken).TryGetPayloadValue<bool>("chat.guest", out _));
    }

    [Fact]
    public async Task A_guest_name_cannot_be_used_to_log_in_with_a_password()
    {
        var guest = await Client.StartGuestAsync();

        using var response = await Client.PostLoginAsync(guest.User.Username, Names.Password);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task Access_token_is_an_hs256_jwt_with_pinned_header_and_claims()
    {
        var username = Names.Unique();
        var tokens = await Client.SignUpAsync(username);

        var token = new JsonWebToken(tokens.AccessToken);

        Assert.Equal("HS256", token.Alg);
        Assert.Equal("at+jwt", token.Typ);
        Assert.False(string.IsNullOrEmpty(token.Kid));
        Assert.Equal("orleanschat", token.Issuer);
        Assert.Equal(["orleanschat"], token.Audiences);
        Assert.Equal(tokens.User.UserId.ToString(), token.Subject);
        Assert.Equal(username, token.GetClaim("name").Value);
        Assert.True(Guid.TryParse(token.GetClaim("sid").Value, out _));
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(tokens.AccessTokenExpiresAt.ToUnixTimeSeconds(), new DateTimeOffset(token.ValidTo, TimeSpan.Zero).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Signup_body_with_unexpected_fields_still_validates_the_known_ones()
    {
        using var response = await Client.PostAsJsonAsync("/api/auth/signup", new { username = Names.Unique(), password = Names.Password, isAdmin = true, isGuest = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<OrleansChat.Gateway.Auth.Contracts.TokenResponse>();
        Assert.False(body!.User.IsGuest);
    }
}
