using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Scenarios;
using OrleansChat.LoadTest.Tests.Infrastructure;

namespace OrleansChat.LoadTest.Tests.EndToEnd;

/// <summary>
/// The tool against the real system — two silo processes and the gateway process on a fresh
/// database — at small scale for a few seconds: guests sign in, rooms are created and joined
/// through REST, every scenario's counts must match and no operation may fail. Checks
/// correctness of tool and system together, never speed.
/// </summary>
[Collection(LoopbackCollection.Name)]
public sealed class GatewayEndToEndTests(ChatSystem system) : IClassFixture<ChatSystem>
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Every_member_of_a_hot_room_on_the_real_gateway_receives_every_acknowledged_message_exactly_once()
    {
        var result = await FanOutScenario.RunAsync(system.Context("hot-room", new SilentReporter(), users: 20), Topology.HotRoom(members: 60, senders: 6),
            new FanOutSettings(SendsPerSecond: 20, Warmup: TimeSpan.FromSeconds(0.5), Duration: Short), CancellationToken.None);

        var totals = result.Totals!;
        var delivery = result.Delivery!;
        Assert.Equal("gateway", result.Target);
        Assert.Equal(60, result.Connections!.Connected);
        Assert.True(totals.SendsAttempted > 0, "the pacer sent nothing");
        Assert.Empty(result.Errors);
        Assert.Equal(totals.SendsAttempted, totals.Acked);
        Assert.Equal(totals.Acked * 60, delivery.ExpectedDeliveries);
        Assert.Equal(delivery.ExpectedDeliveries, delivery.Delivered);
        Assert.True(delivery.ExactlyOnceInOrder, $"missing {delivery.Missing}, duplicates {delivery.Duplicates}, out of order {delivery.OutOfOrder}");
        Assert.Equal(0, delivery.Unstamped);
        Assert.Equal(delivery.Delivered, totals.LatencySamples);
    }

    [Fact]
    public async Task Small_rooms_direct_messages_and_churn_on_the_real_gateway_deliver_exactly_once_without_errors()
    {
        var rooms = await FanOutScenario.RunAsync(system.Context("small-rooms", new SilentReporter(), users: 30), Topology.SmallRooms(rooms: 10, membersPerRoom: 4, sendersPerRoom: 2),
            new FanOutSettings(40, TimeSpan.FromSeconds(0.3), Short), CancellationToken.None);
        var dms = await FanOutScenario.RunAsync(system.Context("dm-storm", new SilentReporter()), Topology.DirectPairs(pairs: 15),
            new FanOutSettings(30, TimeSpan.FromSeconds(0.3), Short), CancellationToken.None);
        var churn = await FanOutScenario.RunAsync(system.Context("churn", new SilentReporter(), users: 30), Topology.SmallRooms(rooms: 4, membersPerRoom: 6, sendersPerRoom: 2),
            new FanOutSettings(30, TimeSpan.FromSeconds(0.3), Short) { ChurnPerSecond = 10 }, CancellationToken.None);

        foreach (var result in new[] { rooms, dms, churn })
        {
            Assert.True(result.Delivery!.Delivered > 0, $"{result.Scenario}: nothing delivered");
            Assert.True(result.Delivery.ExactlyOnceInOrder,
                $"{result.Scenario}: missing {result.Delivery.Missing}, duplicates {result.Delivery.Duplicates}, out of order {result.Delivery.OutOfOrder}");
            Assert.Equal(result.Totals!.SendsAttempted, result.Totals.Acked);
            Assert.Empty(result.Errors);
        }

        Assert.True(churn.Churn!.Joins > 0 && churn.Churn.Leaves > 0, $"joins {churn.Churn.Joins}, leaves {churn.Churn.Leaves}");
        Assert.Equal(0, churn.Churn.Failures);
    }

    [Fact]
    public async Task Members_dropped_from_the_real_gateway_reconnect_and_catch_up_completely_and_in_order()
    {
        var result = await ReconnectStormScenario.RunAsync(system.Context("reconnect-storm", new SilentReporter(), users: 20),
            new StormSettings(Members: 40, Writers: 3, SendsPerSecond: 15, Warmup: TimeSpan.FromSeconds(0.5), Outage: TimeSpan.FromSeconds(1), RecoverTimeout: TimeSpan.FromSeconds(60)),
            CancellationToken.None);

        var recovery = result.Recovery!;
        Assert.Equal(40, recovery.Dropped);
        Assert.Equal(0, recovery.NotRecovered);
        Assert.True(recovery.PostedDuringOutage > 0, "nothing was posted during the outage");
        Assert.True(recovery.CaughtUp >= 40 * recovery.PostedDuringOutage, $"caught up {recovery.CaughtUp}, expected at least {40 * recovery.PostedDuringOutage}");
        Assert.True(result.Delivery!.ExactlyOnceInOrder, $"missing {result.Delivery.Missing}, duplicates {result.Delivery.Duplicates}, out of order {result.Delivery.OutOfOrder}");
        Assert.DoesNotContain(result.Errors.Keys, code => !code.StartsWith("connection.", StringComparison.Ordinal));
    }
}
