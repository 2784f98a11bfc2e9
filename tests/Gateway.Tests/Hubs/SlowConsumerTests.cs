using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
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
        using var stalled = await StalledSubscriberAsync(gateway, carol.HubToken, room.ConversationId);

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
        await Wait.For(DrainUntilClosedAsync(stalled), "carol's stalled connection ends");
    }

    /// <summary>
    /// A raw WebSocket client with an 8 KB socket receive buffer that completes the SignalR
    /// handshake, subscribes, and then reads nothing more.
    /// </summary>
    private static async Task<ClientWebSocket> StalledSubscriberAsync(GatewayHost gateway, string hubToken, string conversationId)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var socket = new ClientWebSocket();
        await Wait.For(socket.ConnectAsync(HubClient.HubUri(gateway, hubToken), new HttpMessageInvoker(handler), CancellationToken.None), "the stalled client's handshake");
        await SendAsync(socket, """{"protocol":"json","version":1}""");
        await ReadUntilAsync(socket, "{}");
        await SendAsync(socket, $$"""{"type":1,"invocationId":"1","target":"Subscribe","arguments":["{{conversationId}}",null]}""");
        await ReadUntilAsync(socket, "\"invocationId\":\"1\"");
        return socket;
    }

    private static async Task PingAsync(ClientWebSocket socket, CancellationToken stop)
    {
        var ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await socket.SendAsync(ping, WebSocketMessageType.Text, true, stop);
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

    private static Task SendAsync(ClientWebSocket socket, string record) =>
        Wait.For(socket.SendAsync(Encoding.UTF8.GetBytes(record + "\u001e"), WebSocketMessageType.Text, true, CancellationToken.None), "a send");

    private static async Task ReadUntilAsync(ClientWebSocket socket, string marker)
    {
        var buffer = new byte[16 * 1024];
        var received = new StringBuilder();
        while (!received.ToString().Split('\u001e').Any(r => r.Contains(marker, StringComparison.Ordinal)))
        {
            var result = await Wait.For(socket.ReceiveAsync(buffer, CancellationToken.None), $"a record with {marker}");
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            received.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }

    private static async Task DrainUntilClosedAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while ((await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (WebSocketException)
        {
            // The server aborted the connection without a close frame: also closed.
        }
    }
}
