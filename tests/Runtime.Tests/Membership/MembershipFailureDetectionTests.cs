using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

public sealed class MembershipFailureDetectionTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_crashed_silo_is_declared_dead_by_two_monitors_and_dropped_from_every_view_within_the_bound()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var a = await cluster.StartAsync();
        var b = await cluster.StartAsync();
        var c = await cluster.StartAsync();
        await MembershipTestCluster.WaitForView(a, v => v.ActiveSilos.Length == 3, "three Active silos");
        await MembershipTestCluster.WaitForView(b, v => v.ActiveSilos.Length == 3, "three Active silos");
        var bound = MembershipTestCluster.DetectionBound(a.Options);

        await c.CrashAsync();

        foreach (var survivor in new[] { a, b })
        {
            var view = await MembershipTestCluster.WaitForView(survivor, v => v.GetStatus(c.Address) == SiloStatus.Dead, "the crashed silo Dead", bound);
            Assert.Equal(new[] { a.Address, b.Address }.Order(), view.ActiveSilos);
        }

        // Three silos: two votes needed, and the two survivors are the voters.
        var row = (await MembershipTableReader.ReadAsync(database.DataSource, cluster.ClusterId)).Find(c.Address)!;
        Assert.Equal(new[] { a.Address, b.Address }.Order(), row.SuspectVotes.Select(v => v.Voter).Distinct().Order());
        Assert.False(a.WasDeclaredDead || b.WasDeclaredDead);
    }

    [Fact]
    public async Task In_a_two_silo_cluster_the_survivors_single_vote_declares_the_other_dead()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var a = await cluster.StartAsync();
        var b = await cluster.StartAsync();

        await b.CrashAsync();

        var view = await MembershipTestCluster.WaitForView(a, v => v.GetStatus(b.Address) == SiloStatus.Dead, "the crashed silo Dead", MembershipTestCluster.DetectionBound(a.Options));
        Assert.Equal<SiloAddress>([a.Address], view.ActiveSilos);
        Assert.Equal([a.Address], view.Find(b.Address)!.SuspectVotes.Select(v => v.Voter));
    }

    [Fact]
    public async Task A_graceful_leave_goes_ShuttingDown_then_Dead_without_any_vote()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var a = await cluster.StartAsync();
        var b = await cluster.StartAsync();
        var leaver = await cluster.StartAsync();
        var ownStatuses = new List<SiloStatus>();
        leaver.Service.ViewChanged += view =>
        {
            lock (ownStatuses)
            {
                ownStatuses.Add(view.GetStatus(leaver.Address)!.Value);
            }
        };

        await leaver.Service.LeaveAsync();

        lock (ownStatuses)
        {
            Assert.Equal([SiloStatus.ShuttingDown, SiloStatus.Dead], ownStatuses.Distinct());
        }

        var view = await MembershipTestCluster.WaitForView(a, v => v.GetStatus(leaver.Address) == SiloStatus.Dead, "the leaver Dead");
        Assert.Empty(view.Find(leaver.Address)!.SuspectVotes);
        Assert.Equal(new[] { a.Address, b.Address }.Order(), view.ActiveSilos);
        Assert.Equal(0, a.Service.Statistics.VotesCast + b.Service.Statistics.VotesCast);
        Assert.False(leaver.WasDeclaredDead || a.WasDeclaredDead || b.WasDeclaredDead);
    }

    [Fact]
    public async Task A_silo_whose_row_is_set_dead_by_hand_calls_its_declared_dead_callback()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var a = await cluster.StartAsync();
        var victim = await cluster.StartAsync();

        // As an operator would: no version bump, so the silo must look at its row, not only the version.
        await cluster.ExecuteAsync(
            "UPDATE cluster_members SET status = 6 WHERE cluster_id = @c AND port = @p AND generation = @g",
            ("c", cluster.ClusterId), ("p", victim.Address.Port), ("g", victim.Address.Generation));

        await Wait.For(victim.DeclaredDead, "the declared-dead callback of the silo set Dead");
        Assert.False(a.WasDeclaredDead);
        // Its responder now refuses probes, and it no longer votes.
        await MembershipTestCluster.WaitForView(a, v => v.GetStatus(victim.Address) == SiloStatus.Dead, "the victim Dead");
        Assert.Equal(0, victim.Service.Statistics.VotesCast);
    }

    [Fact]
    public async Task No_vote_is_cast_while_the_liveness_source_reports_recent_traffic_from_a_silent_silo()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var liveness = new TestLivenessSource();
        var monitor = await cluster.StartAsync(liveness: liveness);
        var silent = await cluster.StartAsync();

        // Probes to it now fail, but the "transport" still hears from it.
        await silent.CrashAsync();
        var limit = monitor.Options.NumMissedProbesLimit;
        await Wait.Until(() => monitor.Service.Statistics.MissesExcusedByTraffic >= 3 * limit, $"{3 * limit} failed probes excused by recent traffic");

        Assert.Equal(0, monitor.Service.Statistics.VotesCast);
        Assert.Equal(0, monitor.Service.Statistics.MissedProbes);
        var row = (await MembershipTableReader.ReadAsync(database.DataSource, cluster.ClusterId)).Find(silent.Address)!;
        Assert.Equal((SiloStatus.Active, 0), (row.Status, row.SuspectVotes.Length));

        // Once the traffic stops too, the silo is voted out as usual.
        liveness.TrafficFlowing = false;
        await MembershipTestCluster.WaitForView(monitor, v => v.GetStatus(silent.Address) == SiloStatus.Dead, "the silent silo Dead once traffic stopped", MembershipTestCluster.DetectionBound(monitor.Options));
    }
}
