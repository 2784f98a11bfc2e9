using System.Net;
using System.Text.Json;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Http;

public sealed class OpenApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/api/auth/signup", "post", false)]
    [InlineData("/api/auth/login", "post", false)]
    [InlineData("/api/auth/guest", "post", false)]
    [InlineData("/api/auth/refresh", "post", false)]
    [InlineData("/api/auth/logout", "post", true)]
    [InlineData("/api/auth/me", "get", true)]
    public async Task The_document_lists_each_auth_endpoint_with_its_security(string path, string method, bool needsToken)
    {
        var document = await GetDocumentAsync();

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is missing from /openapi/v1.json");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is missing");
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.Equal(needsToken, operation.TryGetProperty("security", out _));
    }

    [Theory]
    [InlineData("/api/rooms", "get", true)]
    [InlineData("/api/rooms", "post", true)]
    [InlineData("/api/rooms/{roomId}", "patch", true)]
    [InlineData("/api/rooms/{roomId}/join", "post", true)]
    [InlineData("/api/rooms/{roomId}/members", "get", true)]
    [InlineData("/api/rooms/{roomId}/members/{userId}/ban", "post", true)]
    [InlineData("/api/rooms/{roomId}/messages", "get", true)]
    [InlineData("/api/rooms/{roomId}/messages", "post", true)]
    [InlineData("/api/dms/{userId}/messages", "post", true)]
    [InlineData("/api/dms", "post", true)]
    [InlineData("/api/users", "get", true)]
    [InlineData("/api/me/status", "put", true)]
    [InlineData("/api/me/conversations", "get", true)]
    [InlineData("/api/friends/requests/{userId}", "post", true)]
    [InlineData("/api/blocks/{userId}", "put", true)]
    [InlineData("/api/invites", "post", true)]
    [InlineData("/api/notifications", "get", true)]
    [InlineData("/api/uploads", "post", true)]
    [InlineData("/api/uploads/{uploadId}", "get", false)]
    public async Task The_document_lists_the_chat_endpoints_with_their_security(string path, string method, bool needsToken)
    {
        var document = await GetDocumentAsync();

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is missing from /openapi/v1.json");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is missing");
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.Equal(needsToken, operation.TryGetProperty("security", out _));
    }

    [Fact]
    public async Task The_document_declares_the_bearer_scheme_and_leaves_out_the_hub()
    {
        var document = await GetDocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.False(document.GetProperty("paths").TryGetProperty("/hubs/chat", out _));
    }

    private async Task<JsonElement> GetDocumentAsync()
    {
        using var response = await fixture.Gateway.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
