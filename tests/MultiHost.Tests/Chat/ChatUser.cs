using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansChat.MultiHost.Tests.Chat;

/// <summary>One signed-up user talking to the gateway's REST API (docs/api.md), as a browser would.</summary>
internal sealed class ChatUser : IDisposable
{
    private readonly HttpClient _http;

    private ChatUser(HttpClient http, string userId)
    {
        _http = http;
        UserId = userId;
    }

    public string UserId { get; }

    public static async Task<ChatUser> SignUpAsync(Uri gateway, string username)
    {
        // Longer than the runtime's 30 s response timeout, so the gateway's own answer arrives first.
        var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(40) };
        try
        {
            using var response = await http.PostAsJsonAsync("/api/auth/signup", new { username, password = "multi-host test " + Guid.NewGuid() });
            using var body = await ReadAsync(response, HttpStatusCode.Created, "signup of " + username);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
            return new ChatUser(http, body.RootElement.GetProperty("user").GetProperty("userId").GetString()!);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public async Task<string> CreateRoomAsync(string name)
    {
        using var response = await _http.PostAsJsonAsync("/api/rooms", new { name, visibility = "public" });
        using var body = await ReadAsync(response, HttpStatusCode.Created, "creating room " + name);
        return body.RootElement.GetProperty("roomId").GetString()!;
    }

    public async Task JoinAsync(string roomId)
    {
        using var response = await _http.PostAsJsonAsync($"/api/rooms/{roomId}/join", new { });
        using var _ = await ReadAsync(response, HttpStatusCode.OK, "joining room " + roomId);
    }

    /// <summary>
    /// Sends once. Returns the stored sequence number when the gateway acknowledged the message
    /// (201, or 200 for a retry of the same client id), null when the outcome is unknown (a 5xx, or
    /// no answer within <paramref name="patience"/>): the caller retries with the same client id,
    /// which stores it at most once, as a browser client does.
    /// </summary>
    public async Task<long?> TryPostAsync(string roomId, string clientMessageId, string text, TimeSpan patience)
    {
        HttpResponseMessage response;
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            response = await _http.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { clientMessageId, text }, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500)
            {
                return null;
            }

            using var body = await ReadAsync(response, response.StatusCode is HttpStatusCode.OK ? HttpStatusCode.OK : HttpStatusCode.Created, "posting to room " + roomId);
            return body.RootElement.GetProperty("message").GetProperty("seq").GetInt64();
        }
    }

    /// <summary>The room's whole history, oldest first, read page by page forward.</summary>
    public async Task<List<PostedMessage>> HistoryAsync(string roomId)
    {
        var messages = new List<PostedMessage>();
        var after = 0L;
        while (true)
        {
            using var response = await _http.GetAsync(new Uri($"/api/rooms/{roomId}/messages?after={after}&limit=100", UriKind.Relative));
            using var body = await ReadAsync(response, HttpStatusCode.OK, "reading room " + roomId);
            foreach (var message in body.RootElement.GetProperty("messages").EnumerateArray())
            {
                messages.Add(new PostedMessage(roomId, message.GetProperty("seq").GetInt64(), message.GetProperty("senderId").GetString()!, message.GetProperty("text").GetString()!));
            }

            if (!body.RootElement.GetProperty("hasMore").GetBoolean() || messages.Count == 0)
            {
                return messages;
            }

            after = messages[^1].Seq;
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text);
    }
}
