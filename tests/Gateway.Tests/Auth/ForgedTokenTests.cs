using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Auth;

/// <summary>Tokens minted outside the normal path, with the gateway's real key unless said otherwise: each pinned property is checked.</summary>
public sealed class ForgedTokenTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Client => fixture.Gateway.Client;

    [Fact]
    public async Task A_token_minted_the_normal_way_by_the_test_is_accepted()
    {
        var (descriptor, _) = await DescribeValidTokenAsync();

        await Client.GetMeOkAsync(new JsonWebTokenHandler().CreateToken(descriptor));
    }

    [Fact]
    public async Task Token_signed_with_an_unknown_key_is_refused()
    {
        var (descriptor, _) = await DescribeValidTokenAsync();
        descriptor.SigningCredentials = new SigningCredentials(
            new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)) { KeyId = "unknown-key" }, SecurityAlgorithms.HmacSha256);

        await AssertRefusedAsync(descriptor, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_signed_with_another_key_under_the_real_key_id_is_refused()
    {
        var (descriptor, key) = await DescribeValidTokenAsync();
        descriptor.SigningCredentials = new SigningCredentials(
            new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)) { KeyId = key.KeyId }, SecurityAlgorithms.HmacSha256);

        await AssertRefusedAsync(descriptor, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_with_another_hmac_algorithm_is_refused()
    {
        var (descriptor, key) = await DescribeValidTokenAsync();
        descriptor.SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha512);

        await AssertRefusedAsync(descriptor, "auth.token_invalid");
    }

    [Fact]
    public async Task Unsigned_token_is_refused()
    {
        var (descriptor, _) = await DescribeValidTokenAsync();
        descriptor.SigningCredentials = null;

        await AssertRefusedAsync(descriptor, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_for_another_audience_is_refused()
    {
        var (descriptor, _) = await DescribeValidTokenAsync();
        descriptor.Audience = "someone-else";

        await AssertRefusedAsync(descriptor, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_from_another_issuer_is_refused()
    {
        var (descriptor, _) = await DescribeValidTokenAsync();
        descriptor.Issuer = "someone-else";

        await AssertRefusedAsync(descriptor, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_of_another_type_is_refused()
    {
        var (descriptor, _) = await DescribeValidTokenAsync();
        descriptor.TokenType = "JWT";

        await AssertRefusedAsync(descriptor, "auth.token_invalid");
    }

    [Fact]
    public async Task Expired_token_is_refused_as_expired()
    {
        var (descriptor, _) = await DescribeValidTokenAsync();
        descriptor.IssuedAt = descriptor.NotBefore = DateTime.UtcNow.AddHours(-2);
        descriptor.Expires = DateTime.UtcNow.AddHours(-1);

        await AssertRefusedAsync(descriptor, "auth.token_expired");
    }

    [Fact]
    public async Task Token_without_expiry_is_refused()
    {
        var (descriptor, _) = await DescribeValidTokenAsync();
        descriptor.Expires = null;

        await AssertRefusedAsync(descriptor, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_not_valid_yet_is_refused()
    {
        var (descriptor, _) = await DescribeValidTokenAsync();
        descriptor.IssuedAt = descriptor.NotBefore = DateTime.UtcNow.AddHours(1);
        descriptor.Expires = DateTime.UtcNow.AddHours(2);

        await AssertRefusedAsync(descriptor, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_without_a_session_id_is_refused()
    {
        var (descriptor, _) = await DescribeValidTokenAsync();
        descriptor.Claims.Remove(ChatClaims.SessionId);

        await AssertRefusedAsync(descriptor, "auth.token_invalid");
    }

    private async Task AssertRefusedAsync(SecurityTokenDescriptor descriptor, string code)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        using var response = await Client.GetMeAsync(handler.CreateToken(descriptor));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, code);
    }

    /// <summary>A descriptor equal to what the gateway issues for a fresh user, signed with the gateway's current key.</summary>
    private async Task<(SecurityTokenDescriptor Descriptor, SigningKey Key)> DescribeValidTokenAsync()
    {
        var signup = await Client.SignUpAsync(Names.Unique());
        var issued = new JsonWebToken(signup.AccessToken);
        var key = await fixture.Gateway.Services.GetRequiredService<SigningKeyRing>().GetSigningKeyAsync(CancellationToken.None);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issued.Issuer,
            Audience = issued.Audiences.Single(),
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(5),
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object>
            {
                [ChatClaims.UserId] = issued.Subject,
                [ChatClaims.SessionId] = issued.GetClaim(ChatClaims.SessionId).Value,
                [ChatClaims.Username] = issued.GetClaim(ChatClaims.Username).Value,
            },
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha256),
        };
        return (descriptor, key);
    }
}
