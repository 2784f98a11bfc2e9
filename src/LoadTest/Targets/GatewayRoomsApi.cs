using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansChat.LoadTest.Targets;

/// <summary>
/// The gateway's room REST calls (docs/api.md): <c>POST /api/rooms</c> with <c>{ name, visibility }</c>
/// answers 201 with a room view holding <c>roomId</c> and <c>conversationId</c> (<c>room:&lt;roomId&gt;</c>);
/// <c>POST /api/rooms/{roomId}/join</c> and <c>/leave</c>. Room names are 3-32 characters.
/// </summary>
internal sealed class GatewayRoomsApi(HttpClient http)
{
    private const string RoomPrefix = "room:";

    public async Task<string> CreateAsync(ChatIdentity owner, string name, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Post, "/api/rooms", owner);
        request.Content = JsonContent.Create(new { name, visibility = "public" });
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"creating room '{name}'", cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        var root = body.RootElement;
        if (root.TryGetProperty("conversationId", out var conversation) && conversation.GetString() is { Length: > 0 } conversationId)
        {
            return conversationId;
        }

        return root.TryGetProperty("roomId", out var roomId) ? RoomPrefix + roomId.GetString()
            : throw new InvalidOperationException($"POST /api/rooms answered without roomId: {Truncate(root.ToString())}");
    }

    public async Task JoinAsync(ChatIdentity member, string conversationId, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Post, $"/api/rooms/{Uri.EscapeDataString(RoomId(conversationId))}/join", member);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"joining {conversationId}", cancellationToken);
    }

    public async Task LeaveAsync(ChatIdentity member, string conversationId, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Post, $"/api/rooms/{Uri.EscapeDataString(RoomId(conversationId))}/leave", member);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"leaving {conversationId}", cancellationToken);
    }

    private static string RoomId(string conversationId) =>
        conversationId.StartsWith(RoomPrefix, StringComparison.Ordinal) ? conversationId[RoomPrefix.Length..]
            : throw new ArgumentException($"'{conversationId}' is not a room conversation id.", nameof(conversationId));

    private static HttpRequestMessage Authorized(HttpMethod method, string path, ChatIdentity who)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", who.AccessToken);
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"The gateway refused {what}: HTTP {(int)response.StatusCode} {Truncate(body)}.");
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
