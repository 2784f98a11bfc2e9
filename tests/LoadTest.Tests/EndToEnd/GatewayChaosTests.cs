using OrleansChat.LoadTest.Persistence;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Scenarios;
using OrleansChat.LoadTest.Tests.Infrastructure;

namespace OrleansChat.LoadTest.Tests.EndToEnd;

/// <summary>
/// The chaos scenario against the real system: one of two silo processes is SIGKILLed while small
/// rooms are under load; failed sends are retried with their client message id, and afterwards
/// every acknowledged message must be in PostgreSQL exactly once, under its acknowledged seq.
/// Its own system, since the kill leaves the cluster one silo short.
/// </summary>
[Collection(LoopbackCollection.Name)]
public sealed class GatewayChaosTests(ChatSystem system) : IClassFixture<ChatSystem>
{
    [Fact]
    public async Task After_a_silo_is_killed_mid_run_every_acknowledged_message_is_stored_exactly_once()
    {
        var victim = system.SiloPids[1];
        var settings = new FanOutSettings(SendsPerSecond: 40, Warmup: TimeSpan.FromSeconds(0.5), Duration: TimeSpan.FromSeconds(4))
        {
            Chaos = new ChaosSettings(victim, TimeSpan.FromSeconds(1), Force: false, system.ConnectionString, new MessageTableOptions()),
        };

        var result = await FanOutScenario.RunAsync(system.Context("chaos", new SilentReporter(), users: 20, sendRetries: 5, keepLedger: true),
            Topology.SmallRooms(rooms: 8, membersPerRoom: 3, sendersPerRoom: 2), settings, CancellationToken.None);

        var chaos = result.Chaos!;
        Assert.True(system.SiloExited(1), "the silo was not killed");
        Assert.Equal(victim, chaos.KilledPid);
        Assert.Null(chaos.VerifyError);
        Assert.True(chaos.AckedMessages > 0, "nothing was acknowledged");
        Assert.Equal(chaos.AckedMessages, chaos.StoredOnce);
        Assert.Equal(0, chaos.MissingInStore);
        Assert.Equal(0, chaos.StoredMoreThanOnce);
        Assert.Equal(0, chaos.SeqMismatch);
        // The gateway re-subscribes to conversations whose grain moved and fills the gap from history.
        Assert.True(result.Delivery!.ExactlyOnceInOrder, $"missing {result.Delivery.Missing}, duplicates {result.Delivery.Duplicates}, out of order {result.Delivery.OutOfOrder}");
        Assert.False(result.Slo!.Violated, string.Join(", ", result.Slo.Reasons));
    }
}
