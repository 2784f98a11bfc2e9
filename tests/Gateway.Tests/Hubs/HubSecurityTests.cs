using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Hubs;

/// <summary>Browser-facing and abuse protections of the hub and the API, against the running system.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class HubSecurityTests(ChatCluster cluster)
{
    [Fact]
    public async Task A_hub_handshake_from_a_foreign_origin_is_refused_and_the_own_origin_is_accepted()
    {
        using var user = await ChatUser.SignUpAsync(cluster.Gateway, "origin");

        var refused = await Assert.ThrowsAnyAsync<WebSocketException>(() => user.ConnectAsync("https://evil.example"));
        await using var ownPage = await user.ConnectAsync(cluster.Gateway.Origin);

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, ownPage.Connection.State);
    }

    [Fact]
    public async Task Negotiation_needs_a_token_and_offers_websockets_only()
    {
        using var user = await ChatUser.SignUpAsync(cluster.Gateway, "nego");
        using var anonymous = cluster.Gateway.CreateClient();

        using var negotiated = await user.Http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", content: null);
        using var refused = await anonymous.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", content: null);

        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        var transports = System.Text.Json.JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync()).RootElement.GetProperty("availableTransports");
        Assert.Equal(["WebSockets"], transports.EnumerateArray().Select(t => t.GetProperty("transport").GetString()));
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Arguments_that_cannot_be_bound_are_refused_as_invalid_requests()
    {
        using var user = await ChatUser.SignUpAsync(cluster.Gateway, "args");
        await using var hub = await user.ConnectAsync();

        var code = await HubClient.HubErrorCodeAsync(hub.Connection.InvokeAsync("Send", "room:x"));
        var malformed = await HubClient.HubErrorCodeAsync(hub.SubscribeAsync("channel:42", null));

        Assert.Equal("request.invalid", code);
        Assert.Equal("validation.id", malformed);
    }

    [Fact]
    public async Task A_message_over_the_receive_limit_closes_that_connection_and_the_server_stays_up()
    {
        using var user = await ChatUser.SignUpAsync(cluster.Gateway, "big");
        var room = await user.CreateRoomAsync();
        await using var hub = await user.ConnectAsync();

        // Over 64 KiB: SignalR refuses the frame before parsing it and closes the connection.
        _ = hub.Connection.InvokeAsync<object>("Send", room.ConversationId, Guid.NewGuid().ToString(), new string('x', 70 * 1024), null);
        var closedWith = await Wait.For(hub.Closed, "the oversized message to close the connection");

        Assert.NotNull(closedWith);
        await using var again = await user.ConnectAsync();
        var sent = await again.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "still up");
        Assert.Equal(1, sent.Seq);
    }

    [Fact]
    public async Task A_message_within_the_receive_limit_but_over_the_text_limit_is_refused_with_its_code()
    {
        using var user = await ChatUser.SignUpAsync(cluster.Gateway, "long");
        var room = await user.CreateRoomAsync();
        await using var hub = await user.ConnectAsync();

        // 40 KB passes SignalR's limit (64 KiB, above the 32 KiB default), then the grains' 4,000-character rule.
        var error = await HubClient.HubErrorAsync(hub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), new string('x', 40 * 1024)));
        var shorter = await HubClient.HubErrorCodeAsync(hub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), new string('y', 4_001)));

        Assert.StartsWith("[validation.text_too_long] ", error);
        Assert.Equal("validation.text_too_long", shorter);
        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
    }

    [Fact]
    public async Task A_flood_of_invocations_is_refused_as_rate_limited_and_sustained_abuse_closes_the_connection()
    {
        using var flooder = await ChatUser.SignUpAsync(cluster.Gateway, "flood");
        using var bystander = await ChatUser.SignUpAsync(cluster.Gateway, "calm");
        var room = await flooder.CreateRoomAsync();
        await bystander.JoinAsync(room.RoomId);
        await using var hub = await flooder.ConnectAsync();
        await using var calm = await bystander.ConnectAsync();

        var calls = Enumerable.Range(0, 300).Select(_ => hub.Connection.InvokeAsync("Typing", room.ConversationId)).ToArray();
        var outcomes = await Task.WhenAll(calls.Select(async call =>
        {
            try
            {
                await call;
                return "ok";
            }
            catch (Exception ex)
            {
                return ex.Message;
            }
        }));
        await Wait.For(hub.Closed, "the flooding connection to be closed");

        Assert.Contains(outcomes, o => o == "ok");
        Assert.Contains(outcomes, o => o.StartsWith("[rate_limited] ", StringComparison.Ordinal));
        var sent = await calm.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "unaffected");
        Assert.True(sent.Seq > 0);
    }

    [Fact]
    public async Task Markup_in_messages_and_profiles_is_stored_and_returned_as_literal_text()
    {
        const string Payload = "<script>alert(1)</script><img src=x onerror=alert(2)> & \"quotes\" 'single' javascript:alert(3)";
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "xss");
        using var bob = await ChatUser.SignUpAsync(cluster.Gateway, "reader");
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await using var bobHub = await bob.ConnectAsync();
        await bobHub.SubscribeAsync(room.ConversationId, null);
        using var rename = await alice.Http.PatchAsJsonAsync("/api/me/profile", new { displayName = "<b>alice</b><svg onload=alert(4)>" });
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);

        var posted = await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", Payload);
        using var raw = await bob.Http.GetAsync($"/api/rooms/{room.RoomId}/messages");
        var rawBody = await raw.Content.ReadAsStringAsync();
        var history = await bob.HistoryAsync($"/api/rooms/{room.RoomId}/messages");
        var live = await bobHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == posted.Message.Seq, "the hub event");
        var profile = await bob.GetAsync<UserProfileView>($"/api/users/{alice.UserId}");

        Assert.Equal(Payload, posted.Message.Text);
        Assert.Equal(Payload, history.Messages.Single().Text);
        Assert.Equal(Payload, live.Text);
        Assert.Equal("<b>alice</b><svg onload=alert(4)>", profile.DisplayName);
        Assert.Equal("application/json", raw.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script>", rawBody, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", raw.Headers.GetValues("X-Content-Type-Options")));
    }
}
