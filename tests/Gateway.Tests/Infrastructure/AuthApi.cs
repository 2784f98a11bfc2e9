using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Gateway.Auth.Contracts;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>Calls to the auth endpoints and assertions on problem-details responses.</summary>
public static class AuthApi
{
    public static Task<HttpResponseMessage> PostSignupAsync(this HttpClient client, string? username, string? password) =>
        client.PostAsJsonAsync("/api/auth/signup", new { username, password });

    public static Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string? username, string? password) =>
        client.PostAsJsonAsync("/api/auth/login", new { username, password });

    public static Task<HttpResponseMessage> PostRefreshAsync(this HttpClient client, string? refreshToken) =>
        client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    public static async Task<TokenResponse> SignUpAsync(this HttpClient client, string username, string password = Names.Password)
    {
        using var response = await client.PostSignupAsync(username, password);
        return await ReadTokensAsync(response, HttpStatusCode.Created);
    }

    public static async Task<TokenResponse> LogInAsync(this HttpClient client, string username, string password = Names.Password)
    {
        using var response = await client.PostLoginAsync(username, password);
        return await ReadTokensAsync(response, HttpStatusCode.OK);
    }

    public static async Task<TokenResponse> StartGuestAsync(this HttpClient client)
    {
        using var response = await client.PostAsync("/api/auth/guest", content: null);
        return await ReadTokensAsync(response, HttpStatusCode.Created);
    }

    public static async Task<TokenResponse> RefreshAsync(this HttpClient client, string refreshToken)
    {
        using var response = await client.PostRefreshAsync(refreshToken);
        return await ReadTokensAsync(response, HttpStatusCode.OK);
    }

    public static Task<HttpResponseMessage> GetMeAsync(this HttpClient client, string? accessToken) =>
        client.SendAsync(WithToken(HttpMethod.Get, "/api/auth/me", accessToken));

    public static Task<HttpResponseMessage> LogOutAsync(this HttpClient client, string? accessToken) =>
        client.SendAsync(WithToken(HttpMethod.Post, "/api/auth/logout", accessToken));

    public static async Task<MeResponse> GetMeOkAsync(this HttpClient client, string accessToken)
    {
        using var response = await client.GetMeAsync(accessToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/auth/me answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<MeResponse>())!;
    }

    public static HttpRequestMessage WithToken(HttpMethod method, string path, string? accessToken)
    {
        var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return request;
    }

    /// <summary>Asserts a problem-details response with <paramref name="status"/> and <paramref name="code"/>; returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    private static async Task<TokenResponse> ReadTokensAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }
}
