using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Auth.Contracts;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>A signed-up user of a gateway with an authorized HttpClient, and helpers for the chat REST API.</summary>
public sealed class ChatUser : IDisposable
{
    private ChatUser(GatewayHost gateway, TokenResponse tokens)
    {
        Gateway = gateway;
        Tokens = tokens;
        Http = gateway.CreateClient();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
    }

    public GatewayHost Gateway { get; }

    public TokenResponse Tokens { get; }

    public HttpClient Http { get; }

    public string UserId => Tokens.User.UserId.ToString("D");

    public string Username => Tokens.User.Username;

    public string AccessToken => Tokens.AccessToken;

    /// <summary>The hub token, what the web client puts on the hub's URL.</summary>
    public string HubToken => Tokens.HubToken;

    public static async Task<ChatUser> SignUpAsync(GatewayHost gateway, string prefix = "user") =>
        new(gateway, await gateway.Client.SignUpAsync(Names.Unique(prefix)));

    public static async Task<ChatUser> GuestAsync(GatewayHost gateway) => new(gateway, await gateway.Client.StartGuestAsync());

    /// <summary>The same account, on another gateway (tokens are valid on every replica).</summary>
    public ChatUser On(GatewayHost gateway) => new(gateway, Tokens);

    /// <summary>Connects to the hub as the web client does: the hub token in the URL.</summary>
    public Task<HubClient> ConnectAsync(string? origin = null) => HubClient.ConnectAsync(Gateway, HubToken, origin);

    public static string DmWith(string userA, string userB) =>
        string.CompareOrdinal(userA, userB) < 0 ? $"dm:{userA}:{userB}" : $"dm:{userB}:{userA}";

    public async Task<RoomView> CreateRoomAsync(string visibility = "public", string? password = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/rooms", new { name = Names.Unique("room"), topic = "tests", visibility, password });
        return await ReadAsync<RoomView>(response, HttpStatusCode.Created);
    }

    public async Task<RoomView> JoinAsync(string roomId, string? password = null)
    {
        using var response = await Http.PostAsJsonAsync($"/api/rooms/{roomId}/join", new { password });
        return await ReadAsync<RoomView>(response, HttpStatusCode.OK);
    }

    public Task<HttpResponseMessage> PostMessageAsync(string path, string text, string? clientMessageId = null) =>
        Http.PostAsJsonAsync(path, new { clientMessageId = clientMessageId ?? Guid.NewGuid().ToString(), text });

    public async Task<PostMessageResponse> PostOkAsync(string path, string text, string? clientMessageId = null)
    {
        using var response = await PostMessageAsync(path, text, clientMessageId);
        return await ReadAsync<PostMessageResponse>(response, response.StatusCode == HttpStatusCode.OK ? HttpStatusCode.OK : HttpStatusCode.Created);
    }

    public async Task<MessagePageView> HistoryAsync(string path, string query = "")
    {
        using var response = await Http.GetAsync(path + query);
        return await ReadAsync<MessagePageView>(response, HttpStatusCode.OK);
    }

    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await Http.GetAsync(path);
        return await ReadAsync<T>(response, HttpStatusCode.OK);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode} for {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }

    public void Dispose() => Http.Dispose();
}
