using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Scenarios;
using OrleansChat.LoadTest.Tests.Infrastructure;

namespace OrleansChat.LoadTest.Tests.EndToEnd;

/// <summary>
/// The whole engine against the in-tool baseline hub on loopback: real WebSockets, the real
/// SignalR server. Small and bounded; they check counts and correctness, never speed.
/// </summary>
[Collection(LoopbackCollection.Name)]
public sealed class BaselineHubEndToEndTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Every_member_of_a_200_member_room_receives_every_message_exactly_once_and_latencies_are_recorded()
    {
        await using var hub = await BaselineHub.StartAsync();
        var reporter = new SilentReporter();

        var result = await FanOutScenario.RunAsync(hub.Context("hot-room", reporter), Topology.HotRoom(members: 200, senders: 10),
            new FanOutSettings(SendsPerSecond: 20, Warmup: TimeSpan.FromSeconds(0.5), Duration: Short), CancellationToken.None);

        var delivery = result.Delivery!;
        var window = result.Window!;
        Assert.Equal(200, result.Connections!.Connected);
        Assert.True(window.SendsAttempted > 0, "the pacer sent nothing");
        Assert.True(delivery.ExactlyOnceInOrder, $"missing {delivery.Missing}, duplicates {delivery.Duplicates}, out of order {delivery.OutOfOrder}");
        Assert.True(delivery.ExpectedDeliveries > 0);
        Assert.Equal(delivery.ExpectedDeliveries, delivery.Delivered);
        // Every acknowledged message went to all 200 members (the sender included), each delivery timed.
        var totals = result.Totals!;
        Assert.Equal(totals.SendsAttempted, totals.Acked);
        Assert.Equal(totals.Acked * 200, delivery.ExpectedDeliveries);
        Assert.Equal(delivery.Delivered, totals.LatencySamples);
        Assert.Equal(0, delivery.Unstamped);
        Assert.Empty(result.Errors);
        Assert.Equal(0, result.ErrorRate);
        Assert.True(window.DeliveryLatency.Count > 0, "no latency was recorded");
        Assert.True(window.DeliveryLatency.P99Ms >= window.DeliveryLatency.P50Ms);
        Assert.NotNull(result.DrainSeconds);
        Assert.False(result.Slo!.Violated);
    }

    [Fact]
    public async Task Many_small_rooms_and_direct_message_pairs_deliver_exactly_once()
    {
        await using var hub = await BaselineHub.StartAsync();

        var rooms = await FanOutScenario.RunAsync(hub.Context("small-rooms", new SilentReporter()), Topology.SmallRooms(rooms: 20, membersPerRoom: 5, sendersPerRoom: 2),
            new FanOutSettings(50, TimeSpan.FromSeconds(0.2), Short), CancellationToken.None);
        var dms = await FanOutScenario.RunAsync(hub.Context("dm-storm", new SilentReporter()), Topology.DirectPairs(pairs: 30),
            new FanOutSettings(60, TimeSpan.FromSeconds(0.2), Short), CancellationToken.None);

        foreach (var result in new[] { rooms, dms })
        {
            Assert.True(result.Delivery!.ExactlyOnceInOrder, $"{result.Scenario}: missing {result.Delivery.Missing}, duplicates {result.Delivery.Duplicates}");
            Assert.True(result.Delivery.Delivered > 0, $"{result.Scenario}: nothing delivered");
            Assert.Empty(result.Errors);
        }
    }

    [Fact]
    public async Task Members_that_leave_and_join_under_load_still_get_each_message_once_while_members()
    {
        await using var hub = await BaselineHub.StartAsync();

        var result = await FanOutScenario.RunAsync(hub.Context("churn", new SilentReporter()), Topology.SmallRooms(rooms: 5, membersPerRoom: 8, sendersPerRoom: 2),
            new FanOutSettings(40, TimeSpan.FromSeconds(0.2), Short) { ChurnPerSecond = 20 }, CancellationToken.None);

        Assert.True(result.Churn!.Joins > 0 && result.Churn.Leaves > 0, $"joins {result.Churn.Joins}, leaves {result.Churn.Leaves}");
        Assert.Equal(0, result.Churn.Failures);
        Assert.True(result.Delivery!.ExactlyOnceInOrder, $"missing {result.Delivery.Missing}, duplicates {result.Delivery.Duplicates}, out of order {result.Delivery.OutOfOrder}");
    }

    [Fact]
    public async Task Members_dropped_at_once_reconnect_and_catch_up_on_everything_they_missed_in_order()
    {
        await using var hub = await BaselineHub.StartAsync();

        var result = await ReconnectStormScenario.RunAsync(hub.Context("reconnect-storm", new SilentReporter()),
            new StormSettings(Members: 60, Writers: 3, SendsPerSecond: 30, Warmup: TimeSpan.FromSeconds(0.5), Outage: TimeSpan.FromSeconds(1), RecoverTimeout: TimeSpan.FromSeconds(30)),
            CancellationToken.None);

        var recovery = result.Recovery!;
        Assert.Equal(60, recovery.Dropped);
        Assert.Equal(60, recovery.Reconnected);
        Assert.Equal(0, recovery.NotRecovered);
        Assert.True(recovery.PostedDuringOutage > 0, "nothing was posted during the outage");
        Assert.True(recovery.CaughtUp >= 60 * recovery.PostedDuringOutage, $"caught up {recovery.CaughtUp}, expected at least {60 * recovery.PostedDuringOutage}");
        Assert.True(result.Delivery!.ExactlyOnceInOrder, $"missing {result.Delivery.Missing}, duplicates {result.Delivery.Duplicates}, out of order {result.Delivery.OutOfOrder}");
        Assert.DoesNotContain(result.Errors.Keys, code => !code.StartsWith("connection.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Idle_connections_are_held_and_the_servers_memory_is_read_from_proc()
    {
        await using var hub = await BaselineHub.StartAsync();

        var result = await SoakScenario.RunAsync(hub.Context("soak", new SilentReporter()),
            new SoakSettings(Connections: 50, Rooms: 5, Settle: TimeSpan.Zero, Hold: TimeSpan.FromSeconds(0.5), ServerPid: Environment.ProcessId), CancellationToken.None);

        var memory = result.Memory!;
        Assert.Equal(50, memory.ConnectionsHeld);
        Assert.Equal(0, memory.DisconnectsDuringHold);
        Assert.NotNull(memory.ServerBefore);
        Assert.NotNull(memory.ServerKiBPerConnection);
        Assert.True(memory.ServerBefore!.RssKiB > 0);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task A_warm_up_opens_and_closes_its_connections_before_the_first_reading()
    {
        await using var hub = await BaselineHub.StartAsync();
        var reporter = new SilentReporter();

        var result = await SoakScenario.RunAsync(hub.Context("soak", reporter),
            new SoakSettings(Connections: 30, Rooms: 0, Settle: TimeSpan.Zero, Hold: TimeSpan.FromSeconds(0.2), ServerPid: Environment.ProcessId, Warmup: 20),
            CancellationToken.None);

        Assert.Contains("warmed up with 20 connections, opened and closed", reporter.Messages);
        Assert.Equal(30, result.Memory!.ConnectionsHeld);
        Assert.Equal(30, result.Connections!.Requested);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task A_capacity_search_reports_its_steps_and_the_best_sustained_one()
    {
        await using var hub = await BaselineHub.StartAsync();

        var result = await CapacityScenario.RunAsync(hub.Context("capacity", new SilentReporter()),
            new CapacitySettings(Members: 20, Senders: 5, P99LimitMs: 10_000, StartDeliveriesPerSecond: 400, MaxDeliveriesPerSecond: 800, Growth: 2,
                MaxSteps: 3, RefineSteps: 0, StepWarmup: TimeSpan.FromSeconds(0.2), StepDuration: TimeSpan.FromSeconds(1.5)),
            CancellationToken.None);

        // Whether a step is sustained depends on the machine's load; the structure does not.
        var capacity = result.Capacity!;
        Assert.InRange(capacity.Steps.Count, 2, 3);
        Assert.All(capacity.Steps, step => Assert.True(step.Latency.Count > 0, "a step measured no latency"));
        Assert.Equal(400, capacity.Steps[0].OfferedDeliveriesPerSecond, 6);
        var sustained = capacity.Steps.Where(s => s.Sustained).ToArray();
        Assert.Equal(sustained.Length == 0 ? 0 : sustained.Max(s => s.DeliveredPerSecond), capacity.BestDeliveredPerSecond);
        Assert.All(capacity.Steps.Where(s => !s.Sustained), s => Assert.False(string.IsNullOrEmpty(s.Reason)));
        Assert.True(result.Delivery!.ExactlyOnceInOrder);
    }

    [Fact]
    public async Task A_run_against_a_port_nobody_listens_on_fails_with_a_clear_connect_error()
    {
        var port = FreePort();
        var context = new RunContext("hot-room", new Targets.BaselineTarget(new Uri($"http://127.0.0.1:{port}/hubs/chat"), "x"),
            new WorkloadOptions { Client = new LoadTest.Client.HubClientOptions { HubUrl = new Uri($"http://127.0.0.1:{port}/hubs/chat"), ConnectAttempts = 1 } },
            new SilentReporter(), SloPolicy.None, new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            FanOutScenario.RunAsync(context, Topology.HotRoom(3, 1), new FanOutSettings(1, TimeSpan.Zero, TimeSpan.FromSeconds(1)), CancellationToken.None));

        Assert.Contains("connect.refused", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

}
