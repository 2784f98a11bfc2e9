using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Auth;

/// <summary>
/// The hub token against a real gateway: accepted only from the hub's <c>access_token</c> query
/// parameter, by the WebSocket fast path (<see cref="HubSocketAuthentication"/>) and by the
/// authentication handler (negotiation), which answers refusals with their reason.
/// </summary>
public sealed class HubTokenTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private HttpClient Client => Gateway.Client;

    [Fact]
    public async Task Every_token_response_carries_a_hub_token_that_opens_the_hub()
    {
        var username = Names.Unique();
        var signup = await Client.SignUpAsync(username);
        var login = await Client.LogInAsync(username);
        var guest = await Client.StartGuestAsync();

        foreach (var tokens in new[] { signup, login, guest })
        {
            Assert.StartsWith(HubTokenCodec.Prefix, tokens.HubToken, StringComparison.Ordinal);
            Assert.True(HubTokenCodec.TryDecode(tokens.HubToken, out var content));
            Assert.Equal(tokens.User.UserId, content.UserId);
            Assert.Equal(tokens.User.Username, content.Username);
            Assert.Equal(tokens.User.IsGuest, content.IsGuest);
            Assert.Equal(tokens.AccessTokenExpiresAt.ToUnixTimeSeconds(), content.ExpiresAtSeconds);
            using var negotiated = await NegotiateAsync(tokens.HubToken);
            Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
            Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(tokens.HubToken));
        }

        Assert.InRange(guest.HubToken.Length, 90, 140);
        Assert.True(guest.HubToken.Length * 3 < guest.AccessToken.Length, $"hub token {guest.HubToken.Length} chars, access token {guest.AccessToken.Length}");
    }

    [Fact]
    public async Task The_hub_tokens_principal_has_the_access_tokens_claims()
    {
        var username = Names.Unique();
        var registered = await Client.SignUpAsync(username);
        var guest = await Client.StartGuestAsync();

        foreach (var tokens in new[] { registered, guest })
        {
            var fromAccessToken = await Gateway.Services.GetRequiredService<AccessTokenValidator>().ValidateAsync(tokens.AccessToken, CancellationToken.None);
            var fromHubToken = await Gateway.Services.GetRequiredService<HubTokenValidator>().ValidateAsync(tokens.HubToken, CancellationToken.None);

            Assert.True(fromHubToken.Succeeded, fromHubToken.FailureCode);
            Assert.Equal(Describe(fromAccessToken.Principal!), Describe(fromHubToken.Principal!));
            var principal = fromHubToken.Principal!;
            Assert.Equal(tokens.User.IsGuest, principal.IsGuest());
            Assert.Equal(tokens.User.UserId, principal.GetUserId());
            Assert.Equal(tokens.User.Username, principal.Identity!.Name);
            Assert.True(principal.Identity.IsAuthenticated);
            Assert.Equal(fromAccessToken.Principal!.Identity!.AuthenticationType, principal.Identity.AuthenticationType);
        }

        static string[] Describe(ClaimsPrincipal principal) =>
            [.. principal.Claims.Select(c => $"{c.Type}={c.Value} ({c.ValueType}, {c.Issuer})")];
    }

    [Fact]
    public async Task Refresh_returns_a_new_hub_token_that_works()
    {
        var signup = await Client.SignUpAsync(Names.Unique());

        var refreshed = await Client.RefreshAsync(signup.RefreshToken);

        Assert.True(HubTokenCodec.TryDecode(signup.HubToken, out var before));
        Assert.True(HubTokenCodec.TryDecode(refreshed.HubToken, out var after));
        Assert.Equal(before.SessionId, after.SessionId);
        Assert.Equal(refreshed.AccessTokenExpiresAt.ToUnixTimeSeconds(), after.ExpiresAtSeconds);
        using var negotiated = await NegotiateAsync(refreshed.HubToken);
        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
    }

    [Fact]
    public async Task A_hub_token_is_refused_everywhere_but_the_hubs_query_parameter()
    {
        var guest = await Client.StartGuestAsync();

        using var me = await Client.GetMeAsync(guest.HubToken);
        using var meByQuery = await Client.GetAsync("/api/auth/me?access_token=" + Uri.EscapeDataString(guest.HubToken));
        using var negotiateByHeader = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
        negotiateByHeader.Headers.Authorization = new AuthenticationHeaderValue("Bearer", guest.HubToken);
        using var negotiatedByHeader = await Client.SendAsync(negotiateByHeader);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + guest.HubToken);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(HubClient.HubUri(Gateway, null), CancellationToken.None));

        await me.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.token_invalid");
        await meByQuery.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await negotiatedByHeader.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.token_invalid");
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task An_access_token_still_opens_the_hub_from_the_query()
    {
        var guest = await Client.StartGuestAsync();

        using var negotiated = await NegotiateAsync(guest.AccessToken);

        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(guest.AccessToken));
    }

    [Fact]
    public async Task A_changed_payload_byte_or_mac_byte_is_refused()
    {
        var guest = await Client.StartGuestAsync();
        var payload = Base64Url.DecodeFromChars(guest.HubToken.AsSpan(HubTokenCodec.Prefix.Length));
        var sessionByte = 2 + payload[1] + 16;
        var macByte = payload.Length - 1;

        foreach (var at in new[] { sessionByte, macByte })
        {
            var changed = (byte[])payload.Clone();
            changed[at] ^= 0x40;
            var token = HubTokenCodec.Prefix + Base64Url.EncodeToString(changed);

            await AssertRefusedAsync(token, "auth.token_invalid");
        }
    }

    [Fact]
    public async Task An_expired_hub_token_is_refused_as_expired_after_the_clock_skew()
    {
        var guest = await Client.StartGuestAsync();
        var key = await Gateway.Services.GetRequiredService<SigningKeyRing>().GetSigningKeyAsync(CancellationToken.None);
        Assert.True(HubTokenCodec.TryDecode(guest.HubToken, out var content));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var withinSkew = HubTokenCodec.Encode(content with { ExpiresAtSeconds = now - 5 }, key.HubTokenKey);
        var expired = HubTokenCodec.Encode(content with { ExpiresAtSeconds = now - 3600 }, key.HubTokenKey);

        using var accepted = await NegotiateAsync(withinSkew);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await AssertRefusedAsync(expired, "auth.token_expired");
    }

    [Fact]
    public async Task A_hub_token_of_a_signed_out_session_is_refused_as_revoked()
    {
        var guest = await Client.StartGuestAsync();
        using (var logout = await Client.LogOutAsync(guest.AccessToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        await AssertRefusedAsync(guest.HubToken, "auth.session_revoked");
    }

    [Fact]
    public async Task A_hub_token_with_an_unknown_key_id_or_another_key_is_refused()
    {
        var guest = await Client.StartGuestAsync();
        var key = await Gateway.Services.GetRequiredService<SigningKeyRing>().GetSigningKeyAsync(CancellationToken.None);
        Assert.True(HubTokenCodec.TryDecode(guest.HubToken, out var content));
        var otherKey = HubTokenCodec.DeriveKey(RandomNumberGenerator.GetBytes(64));
        var unknownKeyId = HubTokenCodec.Encode(content with { KeyId = "0000000000000000" }, otherKey);
        var realKeyIdOtherKey = HubTokenCodec.Encode(content, otherKey);
        // The JWT signing key itself (not the derived one) makes no valid hub token either.
        var jwtKey = HubTokenCodec.Encode(content, key.SecurityKey.Key);
        Assert.Equal(key.KeyId, content.KeyId);

        await AssertRefusedAsync(unknownKeyId, "auth.token_invalid");
        await AssertRefusedAsync(realKeyIdOtherKey, "auth.token_invalid");
        await AssertRefusedAsync(jwtKey, "auth.token_invalid");
    }

    [Theory]
    [InlineData("h1.")]
    [InlineData("h1.AAAA")]
    [InlineData("h1.not*base64")]
    public async Task Malformed_hub_tokens_are_refused_as_invalid(string token)
    {
        await AssertRefusedAsync(token, "auth.token_invalid");
    }

    /// <summary>Refused by the handler with <paramref name="code"/> (negotiation), and by the WebSocket handshake.</summary>
    private async Task AssertRefusedAsync(string token, string code)
    {
        using var negotiated = await NegotiateAsync(token);
        await negotiated.AssertProblemAsync(HttpStatusCode.Unauthorized, code);
        Assert.Equal(HttpStatusCode.Unauthorized, await HandshakeAsync(token));
    }

    private Task<HttpResponseMessage> NegotiateAsync(string token) =>
        Client.PostAsync("/hubs/chat/negotiate?negotiateVersion=1&access_token=" + Uri.EscapeDataString(token), content: null);

    /// <summary>The status of a WebSocket handshake to the hub with <paramref name="token"/> in the URL (closed again when accepted).</summary>
    private async Task<HttpStatusCode> HandshakeAsync(string token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(HubClient.HubUri(Gateway, token), CancellationToken.None);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        return socket.HttpStatusCode;
    }
}
