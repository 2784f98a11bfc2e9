using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Hubs;

[Collection(ChatClusterCollection.Name)]
public sealed class CatchUpTests(ChatCluster cluster)
{
    [Fact]
    public async Task After_a_dropped_connection_resubscribing_returns_exactly_the_missed_messages_in_order_then_live_ones()
    {
        const int Missed = 7;
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(cluster.Gateway, "bob");
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await using var aliceHub = await alice.ConnectAsync();
        await aliceHub.SubscribeAsync(room.ConversationId, null);
        var lastSeen = (await aliceHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "before the drop")).Seq;

        var bobHub = await bob.ConnectAsync();
        var before = await bobHub.SubscribeAsync(room.ConversationId, 0);
        Assert.Equal([lastSeen], before.Missed.Select(m => m.Seq));
        await bobHub.DisposeAsync();
        var sent = new List<long>();
        for (var i = 0; i < Missed; i++)
        {
            sent.Add((await aliceHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), $"missed {i}")).Seq);
        }

        await using var again = await bob.ConnectAsync();
        var result = await again.SubscribeAsync(room.ConversationId, lastSeen);
        var live = await aliceHub.SendAsync(room.ConversationId, Guid.NewGuid().ToString(), "live");
        await again.WaitForPostedAsync(room.ConversationId, m => m.Seq == live.Seq, "bob receives the live message");

        Assert.Equal(sent, result.Missed.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(0, Missed).Select(i => $"missed {i}"), result.Missed.Select(m => m.Text));
        Assert.Equal(sent[^1], result.LatestSeq);
        Assert.False(result.HasMore);
        Assert.Equal([live.Seq], again.Posted(room.ConversationId).Select(m => m.Seq));
    }

    [Fact]
    public async Task Subscribing_while_messages_are_being_posted_leaves_no_gap_and_no_duplicate_at_the_seam()
    {
        const int Total = 60;
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(cluster.Gateway, "bob");
        using var carol = await ChatUser.SignUpAsync(cluster.Gateway, "carol");
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await carol.JoinAsync(room.RoomId);

        // Carol keeps the feed busy (an active member on the same gateway), so joins race live deliveries.
        await using var carolHub = await carol.ConnectAsync();
        await carolHub.SubscribeAsync(room.ConversationId, null);
        var posting = Task.Run(async () =>
        {
            for (var i = 0; i < Total; i++)
            {
                await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", $"m{i}");
            }
        });

        var seen = new List<long>();
        long lastSeen = 0;
        for (var round = 0; round < 4; round++)
        {
            await using var bobHub = await bob.ConnectAsync();
            var result = await bobHub.SubscribeAsync(room.ConversationId, lastSeen);
            seen.AddRange(result.Missed.Select(m => m.Seq));
            Assert.True(result.Missed.All(m => m.Seq <= result.LatestSeq), "missed messages never pass the seam");
            await Wait.Until(() => bobHub.Posted(room.ConversationId).Count >= 2 || posting.IsCompleted, "a few live messages arrive");
            var live = bobHub.Posted(room.ConversationId).Select(m => m.Seq).ToArray();
            Assert.All(live, seq => Assert.True(seq > result.LatestSeq, $"live message {seq} is after the seam {result.LatestSeq}"));
            seen.AddRange(live);
            lastSeen = seen.Count == 0 ? 0 : seen[^1];
        }

        await posting;
        await using var last = await bob.ConnectAsync();
        seen.AddRange((await last.SubscribeAsync(room.ConversationId, lastSeen)).Missed.Select(m => m.Seq));

        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task More_missed_messages_than_the_catch_up_limit_return_the_oldest_and_say_there_are_more()
    {
        using var alice = await ChatUser.SignUpAsync(cluster.Gateway, "alice");
        var room = await alice.CreateRoomAsync();
        await using var hub = await alice.ConnectAsync();
        for (var batch = 0; batch < 505; batch += 101)
        {
            // Batches in parallel through REST (the hub would rate-limit a burst this size); seqs follow commit order.
            await Task.WhenAll(Enumerable.Range(batch, 101).Select(i => alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", $"n{i}")));
        }

        var result = await hub.SubscribeAsync(room.ConversationId, 0);

        Assert.Equal(500, result.Missed.Count);
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), result.Missed.Select(m => m.Seq));
        Assert.True(result.HasMore);
        Assert.Equal(505, result.LatestSeq);
    }
}
