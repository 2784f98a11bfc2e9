using Microsoft.Extensions.Logging.Abstractions;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Tests.Membership;

public sealed class ProbeTests
{
    private static readonly SiloAddress Silo = new("127.0.0.1", 11111, 1000);

    [Fact]
    public void A_probe_packet_round_trips_and_stays_tiny()
    {
        var buffer = new byte[ProbePacket.MaxSize];
        var length = ProbePacket.Write(buffer, ProbePacketKind.Probe, 7, 1000, "chat"u8);

        Assert.True(ProbePacket.TryRead(buffer.AsSpan(0, length), out var kind, out var sequence, out var generation, out var cluster));
        Assert.Equal((ProbePacketKind.Probe, 7L, 1000L), (kind, sequence, generation));
        Assert.Equal("chat"u8.ToArray(), cluster.ToArray());
        Assert.Equal(25, length);
    }

    [Fact]
    public void Packets_of_another_version_or_truncated_are_not_read()
    {
        var buffer = new byte[ProbePacket.MaxSize];
        var length = ProbePacket.Write(buffer, ProbePacketKind.Probe, 7, 1000, "chat"u8);

        Assert.False(ProbePacket.TryRead(buffer.AsSpan(0, length - 1), out _, out _, out _, out _));
        buffer[2] = 2;
        Assert.False(ProbePacket.TryRead(buffer.AsSpan(0, length), out _, out _, out _, out _));
    }

    [Fact]
    public async Task A_responder_acks_only_probes_naming_its_cluster_and_generation()
    {
        using var responder = new ProbeResponder("127.0.0.1", 0, "chat", NullLogger.Instance) { Generation = Silo.Generation };
        responder.Start();
        using var sameCluster = new ProbeClient("chat");
        using var otherCluster = new ProbeClient("other-chat");

        var answers = await DedicatedThread.RunAsync("test-prober", () => (
            Current: sameCluster.ProbeRound([new ProbeTarget(Silo, responder.Port)], TimeSpan.FromSeconds(5)),
            OldGeneration: sameCluster.ProbeRound([new ProbeTarget(Silo.WithGeneration(999), responder.Port)], TimeSpan.FromMilliseconds(300)),
            ForeignCluster: otherCluster.ProbeRound([new ProbeTarget(Silo, responder.Port)], TimeSpan.FromMilliseconds(300))));

        Assert.Equal([true], answers.Current);
        Assert.Equal([false], answers.OldGeneration);
        Assert.Equal([false], answers.ForeignCluster);
    }

    [Fact]
    public async Task A_responder_that_knows_it_was_declared_dead_stops_acking()
    {
        using var responder = new ProbeResponder("127.0.0.1", 0, "chat", NullLogger.Instance) { Generation = Silo.Generation };
        responder.Start();
        using var client = new ProbeClient("chat");
        var target = new ProbeTarget(Silo, responder.Port);
        var before = await DedicatedThread.RunAsync("test-prober", () => client.ProbeRound([target], TimeSpan.FromSeconds(5)));

        responder.StopAnswering();

        var after = await DedicatedThread.RunAsync("test-prober", () => client.ProbeRound([target], TimeSpan.FromMilliseconds(300)));
        Assert.Equal([true], before);
        Assert.Equal([false], after);
    }

    [Fact]
    public void Each_silo_probes_its_ring_successors_so_every_silo_has_the_same_number_of_monitors()
    {
        var silos = Enumerable.Range(1, 5).Select(i => new SiloAddress("10.0.0." + i, 11111, 1)).ToList();
        var view = new MembershipView(1, silos.Select(s => Entry(s, SiloStatus.Active)));

        var targets = silos.ToDictionary(s => s, s => ProbeTargetSelector.Select(view, s, 2).Select(t => t.Silo).ToList());

        Assert.Equal([silos[1], silos[2]], targets[silos[0]]);
        Assert.Equal([silos[0], silos[1]], targets[silos[4]]);
        Assert.All(silos, s => Assert.Equal(2, targets.Values.Count(t => t.Contains(s))));
    }

    [Fact]
    public void Dead_silos_are_not_probed_and_a_small_cluster_probes_everyone_else()
    {
        var a = new SiloAddress("10.0.0.1", 1, 1);
        var b = new SiloAddress("10.0.0.2", 1, 1);
        var c = new SiloAddress("10.0.0.3", 1, 1);
        var view = new MembershipView(1, [Entry(a, SiloStatus.Active), Entry(b, SiloStatus.Dead), Entry(c, SiloStatus.ShuttingDown)]);

        Assert.Equal([c], ProbeTargetSelector.Select(view, a, 3).Select(t => t.Silo));
    }

    [Fact]
    public void Votes_needed_are_capped_by_the_live_active_silos_other_than_the_suspect()
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(1);
        var options = new MembershipOptions { NumVotesForDeathDeclaration = 2 };
        var a = new SiloAddress("10.0.0.1", 1, 1);
        var b = new SiloAddress("10.0.0.2", 1, 1);
        var c = new SiloAddress("10.0.0.3", 1, 1);

        var two = new MembershipView(1, [Entry(a, SiloStatus.Active, now), Entry(b, SiloStatus.Active, now)]);
        var three = new MembershipView(1, [Entry(a, SiloStatus.Active, now), Entry(b, SiloStatus.Active, now), Entry(c, SiloStatus.Active, now)]);
        var threeWithStaleC = new MembershipView(1, [Entry(a, SiloStatus.Active, now), Entry(b, SiloStatus.Active, now), Entry(c, SiloStatus.Active, now.AddHours(-1))]);

        Assert.Equal(1, SuspicionPolicy.RequiredVotes(two, b, a, now, options));
        Assert.Equal(2, SuspicionPolicy.RequiredVotes(three, b, a, now, options));
        Assert.Equal(1, SuspicionPolicy.RequiredVotes(threeWithStaleC, b, a, now, options));
    }

    [Fact]
    public void Only_other_voters_fresh_votes_count_on_the_database_clock()
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(1);
        var me = new SiloAddress("10.0.0.1", 1, 1);
        var other = new SiloAddress("10.0.0.2", 1, 1);
        var expired = new SiloAddress("10.0.0.3", 1, 1);
        var suspect = Entry(new SiloAddress("10.0.0.4", 1, 1), SiloStatus.Active) with
        {
            SuspectVotes = [new(me, now), new(other, now.AddSeconds(-30)), new(expired, now.AddMinutes(-3))],
        };

        Assert.Equal(1, SuspicionPolicy.FreshVotesFromOthers(suspect, me, now, TimeSpan.FromMinutes(2)));
    }

    private static MembershipEntry Entry(SiloAddress silo, SiloStatus status, DateTimeOffset? alive = null) =>
        new(silo, status, silo.Host, 1, DateTimeOffset.UnixEpoch, alive ?? DateTimeOffset.UnixEpoch, []);
}
