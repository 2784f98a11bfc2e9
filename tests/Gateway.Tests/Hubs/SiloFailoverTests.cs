using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Gateway.Hubs.Contracts;
using OrleansChat.Gateway.Tests.Infrastructure;
using OrleansChat.Runtime.Client;

namespace OrleansChat.Gateway.Tests.Hubs;

/// <summary>The silos under a conversation go away; its subscribers keep receiving every message. Own cluster: it stops silos.</summary>
public sealed class SiloFailoverTests(ChatCluster cluster) : IClassFixture<ChatCluster>
{
    [Fact]
    public async Task When_the_silo_of_a_conversation_goes_away_subscribers_receive_every_message_once_in_order()
    {
        await using var fastRenewal = await cluster.StartGatewayAsync(s => s.Configuration["Gateway:Hub:SubscriptionRenewal"] = "00:00:00.300");
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = (await ChatUser.SignUpAsync(cluster.Gateway, "bob")).On(fastRenewal);
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await using var bobHub = await bob.ConnectAsync();
        await bobHub.SubscribeAsync(room.ConversationId, null);
        var first = await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "before");
        await bobHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == first.Message.Seq, "bob receives the first message");

        // Replace every silo: whichever hosted the room, its activation (and the gateway's subscription in it) is gone.
        await ReplaceEverySiloAsync(cluster.Gateway, fastRenewal);

        var after = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            after.Add((await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", $"after {i}")).Message.Seq);
        }

        await Wait.Until(() => bobHub.Posted(room.ConversationId).Count >= 4, "bob receives the messages posted after the failover (renewal and catch-up)");
        Assert.Equal([first.Message.Seq, .. after], bobHub.Posted(room.ConversationId).Select(m => m.Seq));
        var live = await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "live again");
        await bobHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == live.Message.Seq, "live delivery resumes");
        Assert.Equal(5, bobHub.Posted(room.ConversationId).Count);
    }

    [Fact]
    public async Task When_the_silos_change_a_gateway_renews_its_subscriptions_at_once_not_at_the_next_period()
    {
        // Periodic renewal an hour away (and at half the 2-minute lease): only the renewal on the
        // membership change can bring the subscription back within the wait below.
        await using var slowRenewal = await cluster.StartGatewayAsync(s => s.Configuration["Gateway:Hub:SubscriptionRenewal"] = "01:00:00");
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = (await ChatUser.SignUpAsync(cluster.Gateway, "bob")).On(slowRenewal);
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await using var bobHub = await bob.ConnectAsync();
        await bobHub.SubscribeAsync(room.ConversationId, null);
        var first = await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "before");
        await bobHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == first.Message.Seq, "bob receives the first message");

        // A rolling restart in miniature: a new silo joins, every old one leaves gracefully.
        await ReplaceEverySiloAsync(slowRenewal);
        var after = await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "after the restart");

        await bobHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == after.Message.Seq, "bob receives the message posted after the silos changed");
        Assert.Equal([first.Message.Seq, after.Message.Seq], bobHub.Posted(room.ConversationId).Select(m => m.Seq));
    }

    [Fact]
    public async Task When_the_silos_change_a_gateway_renews_its_user_subscriptions_at_once_too()
    {
        await using var slowRenewal = await cluster.StartGatewayAsync(s => s.Configuration["Gateway:Hub:SubscriptionRenewal"] = "01:00:00");
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = (await ChatUser.SignUpAsync(cluster.Gateway, "bob")).On(slowRenewal);
        await using var bobHub = await bob.ConnectAsync();
        var dm = ChatUser.DmWith(alice.UserId, bob.UserId);

        // Bob's subscription to his user grain is made in the background after he connects: post
        // until a notification shows it is in place.
        var attempt = 0;
        await Wait.Until(
            async () =>
            {
                // A new text each time: the grains refuse the same text sent again and again.
                await alice.PostOkAsync($"/api/dms/{bob.UserId}/messages", $"before {++attempt}");
                return bobHub.Received<NotificationPayload>("Notification").Any(n => n.ConversationId == dm);
            },
            "bob is notified of a DM");

        await ReplaceEverySiloAsync(slowRenewal);
        // Bob's user grain moved with the restart, and user events are not replayed: notifications
        // resume once the subscription is renewed, which must not wait for the hourly renewal.
        var seen = bobHub.Received<NotificationPayload>("Notification").Count;
        await Wait.Until(
            async () =>
            {
                await alice.PostOkAsync($"/api/dms/{bob.UserId}/messages", $"after {++attempt}");
                return bobHub.Received<NotificationPayload>("Notification").Skip(seen).Any(n => n.ConversationId == dm && n.Text.StartsWith("after ", StringComparison.Ordinal));
            },
            "bob is notified of a DM posted after the silos changed",
            TimeSpan.FromSeconds(20));
    }

    /// <summary>Starts a new silo, stops every other one gracefully, and waits until <paramref name="gateways"/> see only the new one.</summary>
    private async Task ReplaceEverySiloAsync(params GatewayHost[] gateways)
    {
        var replacement = await cluster.StartSiloAsync();
        foreach (var silo in cluster.Silos.Where(s => s != replacement).ToArray())
        {
            await cluster.StopSiloAsync(silo);
        }

        foreach (var gateway in gateways)
        {
            var status = gateway.Services.GetRequiredService<IClusterClientStatus>();
            await Wait.Until(() => status.ActiveSilos == 1, "the gateway sees only the replacement silo", TimeSpan.FromSeconds(30));
        }
    }
}
