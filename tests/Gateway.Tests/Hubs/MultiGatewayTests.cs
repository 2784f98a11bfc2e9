using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Hubs.Fanout;
using OrleansChat.Gateway.Hubs.Presence;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Hubs;

/// <summary>Two gateway instances on one cluster, as behind a load balancer.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class MultiGatewayTests(ChatCluster cluster)
{
    [Fact]
    public async Task A_message_sent_through_one_gateway_arrives_through_the_other()
    {
        await using var second = await cluster.StartGatewayAsync();
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = (await ChatUser.SignUpAsync(cluster.Gateway, "bob")).On(second);
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await using var aliceHub = await alice.ConnectAsync();
        await using var bobHub = await bob.ConnectAsync();
        await aliceHub.SubscribeAsync(room.ConversationId, null);
        await bobHub.SubscribeAsync(room.ConversationId, null);

        var sent = await aliceHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "across gateways");
        var received = await bobHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == sent.Seq, "bob, on the second gateway, receives it");
        var reply = await bobHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "and back");
        await aliceHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == reply.Seq, "alice, on the first gateway, receives the reply");

        Assert.Equal("across gateways", received.Text);
    }

    [Fact]
    public async Task A_gateway_keeps_one_feed_per_conversation_while_any_local_connection_subscribes()
    {
        await using var gateway = await cluster.StartGatewayAsync();
        var feeds = gateway.Services.GetRequiredService<ConversationFeeds>();
        using var alice = (await ChatUser.SignUpAsync(cluster.Gateway, "alice")).On(gateway);
        using var bob = (await ChatUser.SignUpAsync(cluster.Gateway, "bob")).On(gateway);
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        var aliceHub = await alice.ConnectAsync();
        var bobHub = await bob.ConnectAsync();
        var bobSecond = await bob.ConnectAsync();

        await aliceHub.SubscribeAsync(room.ConversationId, null);
        await bobHub.SubscribeAsync(room.ConversationId, null);
        await bobSecond.SubscribeAsync(room.ConversationId, null);
        Assert.Equal(1, feeds.Count);
        var sent = await aliceHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "to all three");
        foreach (var hub in new[] { aliceHub, bobHub, bobSecond })
        {
            await hub.WaitForPostedAsync(room.ConversationId, m => m.Seq == sent.Seq, "every local connection receives the message");
        }

        await bobHub.Connection.InvokeAsync("Unsubscribe", room.ConversationId);
        await bobSecond.DisposeAsync();
        Assert.Equal(1, feeds.Count);
        await aliceHub.DisposeAsync();
        await Wait.Until(() => feeds.Count == 0, "the feed ends when the last local subscriber leaves");
        await bobHub.DisposeAsync();
    }

    [Fact]
    public async Task A_gateway_reports_a_users_first_connection_and_last_close_not_every_change()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var observer = await ChatUser.SignUpAsync(cluster.Gateway, "observer");
        var reporter = cluster.Gateway.Services.GetRequiredService<PresenceReporter>();
        async Task<string> PresenceAsync() => (await observer.GetAsync<UserProfileView>($"/api/users/{alice.UserId}")).Presence;

        // Only the first connection and the last close can change what the grain derives; the
        // changes between them ride on no report of their own.
        var connections = (await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => alice.ConnectAsync()))).ToList();
        await Wait.Until(() => reporter.LastReported(alice.UserId) > 0, "the gateway reports alice's connections");
        await Wait.Until(async () => await PresenceAsync() == "online", "alice is online");
        await Task.WhenAll(connections.Take(5).Select(c => c.DisposeAsync().AsTask()));
        connections.RemoveRange(0, 5);
        connections.AddRange(await Task.WhenAll(alice.ConnectAsync(), alice.ConnectAsync()));
        Assert.Equal(1, reporter.ChangeReports(alice.UserId));
        Assert.Equal("online", await PresenceAsync());

        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        await Wait.Until(() => reporter.LastReported(alice.UserId) == 0, "the gateway reports that none is open");
        Assert.Equal("offline", await PresenceAsync());
    }

    [Fact]
    public async Task A_user_is_online_while_connected_to_any_gateway()
    {
        await using var second = await cluster.StartGatewayAsync();
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var observer = await ChatUser.SignUpAsync(cluster.Gateway, "observer");
        async Task<string> PresenceAsync() => (await observer.GetAsync<UserProfileView>($"/api/users/{alice.UserId}")).Presence;

        var onFirst = await alice.ConnectAsync();
        var onSecond = await alice.On(second).ConnectAsync();
        await Wait.Until(async () => await PresenceAsync() == "online", "alice is online");
        await onFirst.DisposeAsync();
        var firstReporter = cluster.Gateway.Services.GetRequiredService<PresenceReporter>();
        await Wait.Until(() => firstReporter.LastReported(alice.UserId) == 0, "the first gateway reports alice's last connection there closed");
        Assert.Equal("online", await PresenceAsync());
        await onSecond.DisposeAsync();

        await Wait.Until(async () => await PresenceAsync() == "offline", "alice is offline once her last connection closed");
    }

    [Fact]
    public async Task A_token_revoked_on_one_gateway_stops_working_on_the_other_and_closes_its_hub_connection()
    {
        await using var second = await cluster.StartGatewayAsync();
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var aliceOnSecond = alice.On(second);
        var room = await alice.CreateRoomAsync();
        await using var hub = await aliceOnSecond.ConnectAsync();
        await hub.SubscribeAsync(room.ConversationId, null);

        using var logout = await alice.Http.PostAsync("/api/auth/logout", content: null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Wait.For(hub.Closed, "the second gateway to close the revoked session's hub connection", TimeSpan.FromSeconds(10));
        using var refused = await aliceOnSecond.Http.GetAsync($"/api/rooms/{room.RoomId}");
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
        await Assert.ThrowsAnyAsync<Exception>(() => aliceOnSecond.ConnectAsync());
    }
}
