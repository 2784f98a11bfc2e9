using System.Net.WebSockets;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Hubs;

/// <summary>A subscriber that stops reading must not stall its conversation for everyone else.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SlowConsumerTests(ChatCluster cluster)
{
    private const int MaxMessages = 5_000;

    [Fact]
    public async Task A_subscriber_that_stops_reading_is_closed_and_the_others_receive_every_message()
    {
        await using var gateway = await cluster.StartGatewayAsync(s => s.Configuration["Gateway:Hub:SlowConsumerTimeout"] = "00:00:01");
        using var alice = (await ChatUser.SignUpAsync(cluster.Gateway, "alice")).On(gateway);
        using var bob = (await ChatUser.SignUpAsync(cluster.Gateway, "bob")).On(gateway);
        using var carol = (await ChatUser.SignUpAsync(cluster.Gateway, "carol")).On(gateway);
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await carol.JoinAsync(room.RoomId);
        await using var bobHub = await bob.ConnectAsync();
        await bobHub.SubscribeAsync(room.ConversationId, null);
        // A raw client with an 8 KB socket receive buffer that subscribes and then reads nothing more.
        using var stalled = await RawHubSocket.ConnectAsync(gateway, carol.HubToken, receiveBufferBytes: 4096);
        await stalled.SubscribeAsync(room.ConversationId);

        // Carol keeps pinging, as a client that still sends but no longer reads would: SignalR's
        // client timeout (no message from the client for 30 s) is not what closes her connection.
        using var stopPinging = new CancellationTokenSource();
        var pinging = PingAsync(stalled, stopPinging.Token);

        // Post until the gateway gives up on carol. How much her connection absorbs first depends
        // on the kernel's socket buffers (autotuned up to a few MB on loopback), so the test does
        // not guess it; without the timeout nothing would ever close her connection, and bob's
        // feed would stall once it was full.
        var filler = new string('x', 3_890);
        var posted = 0;
        while (await SlowConsumersClosedAsync(gateway) == 0)
        {
            Assert.True(posted < MaxMessages, $"carol's connection was not closed after {posted} messages of ~4 KB");
            for (var i = 0; i < 100; i++, posted++)
            {
                await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", $"{posted:D5} {filler}");
            }
        }

        await Wait.Until(() => bobHub.Posted(room.ConversationId).Count >= posted, $"bob receives all {posted} messages", TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(1, posted).Select(i => (long)i), bobHub.Posted(room.ConversationId).Select(m => m.Seq));
        Assert.Equal(1, await SlowConsumersClosedAsync(gateway));
        Assert.Contains(gateway.Logs.Entries, e => e.EventId == 5690 && e.Values.Contains(carol.UserId, StringComparison.Ordinal));

        // Carol's connection was closed: reading on, what was buffered drains and the stream ends.
        await stopPinging.CancelAsync();
        await Wait.For(pinging, "carol's pings stop");
        await Wait.For(stalled.DrainUntilClosedAsync(), "carol's stalled connection ends");
    }

    private static async Task PingAsync(RawHubSocket socket, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                // Not cancelled mid-send: a cancelled send aborts the client's socket, which would look like the server closing it.
                await socket.SendAsync("""{"type":6}""");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // The server closed the connection: nothing left to ping.
        }
    }

    private static async Task<double> SlowConsumersClosedAsync(GatewayHost gateway) =>
        (await PrometheusScrape.ReadAsync(gateway.Client)).Sum("orleanschat_gateway_hub_slow_consumers_closed_total");
}
