using System.Text.Json;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Hubs;

/// <summary>A busy big room's messages reach each connection together (Gateway:Hub:HotRoomBatchWindow).</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class HotRoomBatchTests(ChatCluster cluster)
{
    [Fact]
    public async Task Messages_posted_within_the_window_after_a_write_reach_a_subscriber_together_in_one_websocket_message_in_order()
    {
        // A window far longer than three posts take, and "hot" from one subscriber, so the batch is certain.
        await using var gateway = await cluster.StartGatewayAsync(s =>
        {
            s.Configuration["Gateway:Hub:HotRoomBatchWindow"] = "00:00:05";
            s.Configuration["Gateway:Hub:HotRoomMinSubscribers"] = "1";
        });
        using var alice = (await ChatUser.SignUpAsync(cluster.Gateway, "alice")).On(gateway);
        using var bob = (await ChatUser.SignUpAsync(cluster.Gateway, "bob")).On(gateway);
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        using var raw = await RawHubSocket.ConnectAsync(gateway, bob.HubToken);
        await raw.SubscribeAsync(room.ConversationId);

        // The first message goes at once, alone: nothing shows yet that the room is busy.
        await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "first");
        var alone = await NextPostedAsync(raw);
        Assert.Equal([1L], alone);

        // The next ones come well within two windows of it: the room counts as busy, the first of
        // them waits the window and the others go with it.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", $"message {i}")));
        var together = await NextPostedAsync(raw);
        Assert.Equal([2L, 3L, 4L], together);
    }

    /// <summary>The seqs of the <c>MessagePosted</c> records in the next WebSocket message that has any.</summary>
    private static async Task<long[]> NextPostedAsync(RawHubSocket raw)
    {
        IReadOnlyList<string> records;
        do
        {
            // Keep-alive pings may come first.
            records = await raw.ReadMessageAsync();
        }
        while (!records.Any(IsPosted));

        return [.. records.Where(IsPosted).Select(r => JsonDocument.Parse(r).RootElement.GetProperty("arguments")[0].GetProperty("seq").GetInt64())];
    }

    private static bool IsPosted(string record) => record.Contains("\"target\":\"MessagePosted\"", StringComparison.Ordinal);
}
