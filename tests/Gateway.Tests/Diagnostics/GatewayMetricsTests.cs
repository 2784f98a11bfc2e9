using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Diagnostics;

/// <summary>The gateway's own instruments reach its <c>/metrics</c> scrape with the values the traffic produced.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class GatewayMetricsTests(ChatCluster cluster)
{
    [Fact]
    public async Task Hub_traffic_shows_in_the_connection_gauge_post_and_delivery_counters_and_fanout_histogram()
    {
        // Its own gateway: the counts below are this test's traffic and nobody else's.
        await using var gateway = await cluster.StartGatewayAsync();
        var idle = await PrometheusScrape.ReadAsync(gateway.Client);
        Assert.Equal(0, idle.Sum("orleanschat_gateway_hub_connections"));

        using var alice = await ChatUser.SignUpAsync(gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(gateway, "bob");
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await using var aliceHub = await alice.ConnectAsync();
        await using var bobHub = await bob.ConnectAsync();
        await aliceHub.SubscribeAsync(room.ConversationId, null);
        await bobHub.SubscribeAsync(room.ConversationId, null);

        var sent = await aliceHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "counted");
        await bobHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == sent.Seq, "bob receives the message");
        await aliceHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == sent.Seq, "alice receives her own message");
        await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "counted over rest");

        var scrape = await PrometheusScrape.ReadAsync(gateway.Client);
        Assert.Equal(2, scrape.Sum("orleanschat_gateway_hub_connections"));
        Assert.Equal(1, scrape.Sum("orleanschat_gateway_messages_posted_total", "transport=\"hub\"", "outcome=\"success\""));
        Assert.Equal(1, scrape.Sum("orleanschat_gateway_messages_posted_total", "transport=\"rest\"", "outcome=\"success\""));

        // The hub message went to both connections; the REST one follows on its way to them.
        await Wait.Until(
            async () => (await PrometheusScrape.ReadAsync(gateway.Client)).Sum("orleanschat_gateway_messages_delivered_total") >= 4,
            "4 deliveries (2 messages x 2 connections) counted");
        scrape = await PrometheusScrape.ReadAsync(gateway.Client);
        Assert.Equal(4, scrape.Sum("orleanschat_gateway_messages_delivered_total"));
        Assert.Equal(2, scrape.Sum("orleanschat_gateway_fanout_duration_seconds_count"));
        Assert.True(scrape.Sum("orleanschat_gateway_fanout_duration_seconds_sum") > 0, "the fan-out time is recorded");
        Assert.Equal(2, scrape.Sum("orleanschat_gateway_fanout_duration_seconds_bucket", "le=\"+Inf\""));

        // Signups wrote accounts and sessions through the gateway's own database calls.
        Assert.Equal(2, scrape.Sum("orleanschat_gateway_db_command_duration_seconds_count", "db_operation_name=\"accounts.insert\"", "outcome=\"success\""));
        Assert.True(scrape.Sum("orleanschat_gateway_db_command_duration_seconds_count", "db_operation_name=\"sessions.insert\"") >= 2, "session inserts are timed");
    }

    [Fact]
    public async Task A_refused_post_is_counted_as_a_failure()
    {
        await using var gateway = await cluster.StartGatewayAsync();
        using var alice = await ChatUser.SignUpAsync(gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(gateway, "bob");
        var room = await alice.CreateRoomAsync();
        await using var bobHub = await bob.ConnectAsync();

        // Bob is not a member: the grain refuses the post.
        await HubClient.HubErrorCodeAsync(bobHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "not a member"));

        var scrape = await PrometheusScrape.ReadAsync(gateway.Client);
        Assert.Equal(1, scrape.Sum("orleanschat_gateway_messages_posted_total", "transport=\"hub\"", "outcome=\"failure\""));
        Assert.Equal(0, scrape.Sum("orleanschat_gateway_messages_posted_total", "outcome=\"success\""));
    }
}
