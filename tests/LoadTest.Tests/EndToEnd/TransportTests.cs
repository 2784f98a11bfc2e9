using OrleansChat.LoadTest.Client;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Scenarios;
using OrleansChat.LoadTest.Targets;
using OrleansChat.LoadTest.Tests.Infrastructure;

namespace OrleansChat.LoadTest.Tests.EndToEnd;

/// <summary>The three ways of opening the WebSocket deliver the same, and failures get stable codes.</summary>
[Collection(LoopbackCollection.Name)]
public sealed class TransportTests
{
    [Theory]
    [InlineData("Raw")]
    [InlineData("Managed")]
    [InlineData("ClientWebSocket")]
    public async Task Every_transport_delivers_a_small_rooms_run_exactly_once(string name)
    {
        var transport = Enum.Parse<WebSocketTransport>(name);
        await using var hub = await BaselineHub.StartAsync();
        var context = hub.Context("small-rooms", new SilentReporter());
        context = context with { Workload = context.Workload with { Client = context.Workload.Client with { Transport = transport } } };

        var result = await FanOutScenario.RunAsync(context, Topology.SmallRooms(rooms: 10, membersPerRoom: 4, sendersPerRoom: 2),
            new FanOutSettings(40, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(1)), CancellationToken.None);

        Assert.True(result.Delivery!.ExactlyOnceInOrder, $"{transport}: missing {result.Delivery.Missing}, duplicates {result.Delivery.Duplicates}");
        Assert.True(result.Delivery.Delivered > 0);
        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("Raw")]
    [InlineData("ClientWebSocket")]
    public async Task A_wrong_hub_path_fails_with_the_http_status_as_the_code(string name)
    {
        var transport = Enum.Parse<WebSocketTransport>(name);
        await using var hub = await BaselineHub.StartAsync();
        var url = new Uri(hub.Server.BaseUrl, "/hubs/nowhere");
        await using var fleet = new ClientFleet(new HubClientOptions { HubUrl = url, Transport = transport, ConnectAttempts = 1 }, new NullObserver(), new RunMetrics());
        var client = fleet.Add(new ChatIdentity("u", "u", "u", "u"));

        var error = await Assert.ThrowsAsync<HubConnectException>(() => client.ConnectAsync(CancellationToken.None));

        Assert.Equal("connect.http_404", error.Code);
        Assert.Equal(HubClientState.Disconnected, client.State);
    }

    [Fact]
    public async Task A_client_that_failed_to_connect_can_connect_again_once_the_hub_is_up()
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/hubs/chat");
        await using var fleet = new ClientFleet(new HubClientOptions { HubUrl = url, ConnectAttempts = 1 }, new NullObserver(), new RunMetrics());
        var client = fleet.Add(new ChatIdentity("u", "u", "u", "u"));

        var refused = await Assert.ThrowsAsync<HubConnectException>(() => client.ConnectAsync(CancellationToken.None));
        Assert.Equal("connect.refused", refused.Code);

        await using var server = await Baseline.BaselineHubServer.StartAsync(port, 0, CancellationToken.None);
        await client.ConnectAsync(CancellationToken.None);
        Assert.True(client.IsConnected);
        var answer = await client.InvokeAsync("Subscribe", new SubscribeArguments("room:again", null));
        Assert.True(answer.Succeeded, answer.Error);
    }

    [Fact]
    public async Task A_hub_error_reaches_the_caller_with_its_stable_code()
    {
        await using var hub = await BaselineHub.StartAsync();
        await using var fleet = new ClientFleet(new HubClientOptions { HubUrl = hub.Server.HubUrl }, new NullObserver(), new RunMetrics());
        var client = fleet.Add(new ChatIdentity("u", "u", "u", "u"));
        await client.ConnectAsync(CancellationToken.None);

        var answer = await client.InvokeAsync("Send", new SendArguments("room:x", "", 1, 1, LatencyStamp.MinimumLength));

        Assert.True(answer.Code == "request.invalid", answer.Error);
        Assert.Contains("HubException: [request.invalid]", answer.Error, StringComparison.Ordinal);
        Assert.True(client.IsConnected);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class NullObserver : IHubClientObserver
    {
        public void OnDelivery(HubClient client, Subscription subscription, long seq, DeliveryOutcome outcome, ReadOnlySpan<byte> text, long receivedTimestamp, bool catchUp)
        {
        }

        public void OnUnsubscribedMessage(HubClient client)
        {
        }

        public void OnAck(HubClient client, SendRecord send, long seq, long ackTimestamp)
        {
        }

        public void OnSendFailed(HubClient client, SendRecord send, string code)
        {
        }

        public void OnEvent(HubClient client, ReadOnlySpan<byte> target)
        {
        }

        public void OnDisconnected(HubClient client, string reason, bool intentional)
        {
        }
    }
}
