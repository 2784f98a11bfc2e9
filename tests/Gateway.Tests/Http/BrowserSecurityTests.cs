using System.Net;
using System.Net.WebSockets;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Http;

public sealed class BrowserSecurityTests(BrowserSecurityTests.Fixture fixture) : IClassFixture<BrowserSecurityTests.Fixture>
{
    private const string AllowedOrigin = "https://app.example";
    private const string ForeignOrigin = "https://evil.example";

    private GatewayHost Gateway => fixture.Gateway;

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/api/auth/me")]
    [InlineData("/no/such/path")]
    [InlineData("/openapi/v1.json")]
    public async Task Security_headers_are_on_every_response(string path)
    {
        using var response = await Gateway.Client.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS must not be sent over plain HTTP");
        Assert.False(response.Headers.Contains("Server"), "the Server header names the stack");
    }

    [Fact]
    public async Task Api_responses_are_never_cached()
    {
        using var response = await Gateway.Client.PostAsync("/api/auth/guest", content: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "token responses must carry Cache-Control: no-store");
    }

    [Fact]
    public async Task Preflight_from_a_foreign_origin_is_refused()
    {
        using var response = await Gateway.Client.SendAsync(Preflight(ForeignOrigin));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "request.origin_forbidden");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_from_an_allowed_origin_is_answered_with_cors_headers()
    {
        using var response = await Gateway.Client.SendAsync(Preflight(AllowedOrigin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(AllowedOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_from_a_foreign_origin_is_refused_before_it_runs()
    {
        var username = Names.Unique();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/signup")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username, password = Names.Password }),
        };
        request.Headers.Add("Origin", ForeignOrigin);

        using var response = await Gateway.Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "request.origin_forbidden");
        await Gateway.Client.SignUpAsync(username);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("*")]
    [InlineData("https://app.example.evil.example")]
    [InlineData("http://app.example")]
    public async Task Lookalike_and_opaque_origins_are_refused(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation("Origin", origin);

        using var response = await Gateway.Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "request.origin_forbidden");
    }

    [Fact]
    public async Task Requests_from_the_gateways_own_origin_and_without_origin_are_accepted()
    {
        var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/auth/guest");
        sameOrigin.Headers.Add("Origin", Gateway.Origin);

        using var fromOwnPage = await Gateway.Client.SendAsync(sameOrigin);
        using var fromScript = await Gateway.Client.PostAsync("/api/auth/guest", content: null);

        Assert.Equal(HttpStatusCode.Created, fromOwnPage.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fromScript.StatusCode);
    }

    [Fact]
    public async Task WebSocket_handshake_from_a_foreign_origin_is_refused()
    {
        var guest = await Gateway.Client.StartGuestAsync();
        using var socket = NewSocket(ForeignOrigin);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(HubUri(guest.AccessToken), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task WebSocket_handshake_from_an_allowed_origin_with_a_token_is_accepted()
    {
        var guest = await Gateway.Client.StartGuestAsync();

        foreach (var origin in new[] { Gateway.Origin, AllowedOrigin })
        {
            using var socket = NewSocket(origin);
            await socket.ConnectAsync(HubUri(guest.AccessToken), CancellationToken.None);

            Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
    }

    [Fact]
    public async Task WebSocket_handshake_without_a_valid_token_is_refused()
    {
        using var withoutToken = NewSocket(Gateway.Origin);
        using var withBadToken = NewSocket(Gateway.Origin);

        await Assert.ThrowsAsync<WebSocketException>(() => withoutToken.ConnectAsync(HubUri(null), CancellationToken.None));
        await Assert.ThrowsAsync<WebSocketException>(() => withBadToken.ConnectAsync(HubUri("garbage"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.HttpStatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withBadToken.HttpStatusCode);
    }

    [Fact]
    public async Task WebSocket_handshake_answers_without_page_headers_and_a_refused_one_keeps_them()
    {
        var guest = await Gateway.Client.StartGuestAsync();
        using var accepted = NewSocket(Gateway.Origin);
        using var refused = NewSocket(Gateway.Origin);

        await accepted.ConnectAsync(HubUri(guest.AccessToken), CancellationToken.None);
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(HubUri("garbage"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.SwitchingProtocols, accepted.HttpStatusCode);
        Assert.False(accepted.HttpResponseHeaders!.ContainsKey("Content-Security-Policy"), "a 101 is never rendered; its headers live as long as the connection");
        Assert.False(accepted.HttpResponseHeaders!.ContainsKey("X-Frame-Options"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.HttpStatusCode);
        Assert.True(refused.HttpResponseHeaders!.ContainsKey("Content-Security-Policy"), "a refused handshake is an ordinary response");
        Assert.True(refused.HttpResponseHeaders!.ContainsKey("X-Content-Type-Options"));
        await accepted.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task Hub_handshake_with_a_revoked_token_is_refused_as_an_invalid_token()
    {
        var guest = await Gateway.Client.StartGuestAsync();
        using (var logout = await Gateway.Client.LogOutAsync(guest.AccessToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var socket = NewSocket(Gateway.Origin);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(HubUri(guest.AccessToken), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", string.Join(", ", socket.HttpResponseHeaders!["WWW-Authenticate"]));
    }

    [Fact]
    public async Task Hub_handshake_with_the_token_in_an_authorization_header_is_accepted()
    {
        var guest = await Gateway.Client.StartGuestAsync();
        using var socket = NewSocket(Gateway.Origin);
        socket.Options.SetRequestHeader("Authorization", "Bearer " + guest.AccessToken);

        await socket.ConnectAsync(HubUri(null), CancellationToken.None);

        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    private Uri HubUri(string? accessToken)
    {
        var builder = new UriBuilder(Gateway.BaseAddress) { Scheme = "ws", Path = "/hubs/chat" };
        if (accessToken is not null)
        {
            builder.Query = "access_token=" + Uri.EscapeDataString(accessToken);
        }

        return builder.Uri;
    }

    private static ClientWebSocket NewSocket(string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        return socket;
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"missing header {name}");

    public sealed class Fixture : GatewayFixture
    {
        protected override void Configure(GatewayHostSettings settings) =>
            settings.Configuration["Gateway:Http:AllowedOrigins:0"] = AllowedOrigin;
    }
}
