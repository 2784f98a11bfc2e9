using System.Diagnostics;
using Npgsql;
using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

/// <summary>
/// The table becomes unreachable because its server really stops (a throwaway server this
/// class starts), not through a fake data source: that exercises Npgsql's actual failures —
/// refused connections, pooled connections broken under the silo — and the recovery after a
/// restart, which a wrapper would only imitate, and needs no test seam in the production code.
/// A silo that loses its peers as well stops itself after the isolation timeout; one that still
/// reaches a peer rides the outage out. One class, so its tests share (and take turns with) one server.
/// </summary>
public sealed class MembershipTableOutageTests(ThrowawayPostgresServer server, ITestOutputHelper output) : IClassFixture<ThrowawayPostgresServer>
{
    private static readonly TimeSpan Isolation = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_silo_that_reaches_neither_the_table_nor_any_peer_for_the_isolation_timeout_stops_as_if_declared_dead()
    {
        await using var pair = await StartTwoSilosAsync();
        var (a, b) = (pair.A, pair.B);

        await server.StopAsync();
        try
        {
            // First the table alone is gone, for longer than the isolation timeout: b still answers, so a keeps running.
            await Wait.Until(() => a.Service.Statistics.FailedTableReads > 0, "a failed to read the table");
            var rounds = (int)(2 * Isolation / a.Options.ProbeTimeout);
            var start = a.Service.Statistics.ProbeRounds;
            await Wait.Until(() => a.Service.Statistics.ProbeRounds >= start + rounds, $"{rounds} probe rounds into the outage", TimeSpan.FromSeconds(30));
            Assert.False(a.WasDeclaredDead);

            var watch = Stopwatch.StartNew();
            await b.CrashAsync();
            await Wait.For(a.DeclaredDead, "the isolated silo to stop itself", TimeSpan.FromSeconds(30));

            // The clock runs from the last answer of a peer (at most a round before the crash), not from the table's outage.
            Assert.True(watch.Elapsed >= Isolation - 2 * a.Options.ProbeTimeout, $"stopped {watch.Elapsed} after its last peer crashed");
            Assert.True(a.Service.Statistics.MissedProbes > 0);
        }
        finally
        {
            await server.StartAsync();
        }
    }

    [Fact]
    public async Task Silos_that_still_reach_each_other_keep_running_through_a_table_outage_longer_than_the_isolation_timeout()
    {
        await using var pair = await StartTwoSilosAsync();
        var (a, b) = (pair.A, pair.B);

        await server.StopAsync();
        try
        {
            await Wait.Until(() => a.Service.Statistics.FailedTableReads > 0 && b.Service.Statistics.FailedTableReads > 0, "both silos failed to read the table");

            // Probe rounds are paced by the probe timeout: this many after the first failed read
            // means the outage has lasted at least twice the isolation timeout.
            var rounds = (int)(2 * Isolation / a.Options.ProbeTimeout);
            var start = Math.Min(a.Service.Statistics.ProbeRounds, b.Service.Statistics.ProbeRounds);
            await Wait.Until(
                () => a.Service.Statistics.ProbeRounds >= start + rounds && b.Service.Statistics.ProbeRounds >= start + rounds,
                $"{rounds} probe rounds into the outage", TimeSpan.FromSeconds(30));

            Assert.False(a.WasDeclaredDead || b.WasDeclaredDead);
            Assert.True(a.Service.Statistics.FailedTableReads > 1);
        }
        finally
        {
            await server.StartAsync();
        }
    }

    [Fact]
    public async Task While_the_table_is_unreachable_nobody_is_declared_dead_and_the_last_view_is_kept()
    {
        var (dataSource, _, _) = await PostgresDatabase.CreateAsync(server.ConnectionString);
        await using var _ = dataSource;
        await using var cluster = new MembershipTestCluster(dataSource, output);
        var a = await cluster.StartAsync();
        var b = await cluster.StartAsync();
        var c = await cluster.StartAsync();
        // Both survivors must know c before the table goes away, or one of them never probes it.
        var lastView = await MembershipTestCluster.WaitForView(a, v => v.ActiveSilos.Length == 3, "three Active silos");
        await MembershipTestCluster.WaitForView(b, v => v.ActiveSilos.Length == 3, "three Active silos");

        await server.StopAsync();
        // Probes to c now fail and the survivors try to vote, but no vote can be written.
        await c.CrashAsync();
        await Wait.Until(
            () => a.Service.Statistics.FailedVoteAttempts >= 2 && b.Service.Statistics.FailedVoteAttempts >= 2
                && a.Service.Statistics.FailedTableReads >= 2 && b.Service.Statistics.FailedTableReads >= 2,
            "both survivors failed to vote and to refresh at least twice", TimeSpan.FromSeconds(20));

        Assert.Same(lastView, a.View);
        Assert.Equal(SiloStatus.Active, b.View.GetStatus(c.Address));
        Assert.Equal(0, a.Service.Statistics.VotesCast + b.Service.Statistics.VotesCast);
        Assert.False(a.WasDeclaredDead || b.WasDeclaredDead);

        // Back online: the pending suspicion goes through and the survivors carry on.
        await server.StartAsync();
        foreach (var survivor in new[] { a, b })
        {
            var view = await MembershipTestCluster.WaitForView(survivor, v => v.GetStatus(c.Address) == SiloStatus.Dead, "the crashed silo Dead once the table is back", TimeSpan.FromSeconds(20));
            Assert.Equal(new[] { a.Address, b.Address }.Order(), view.ActiveSilos);
        }

        Assert.False(a.WasDeclaredDead || b.WasDeclaredDead);
    }

    /// <summary>
    /// Two silos with the short isolation timeout, in a fresh database on the throwaway server,
    /// both Active in both views: the setup of the isolation tests.
    /// </summary>
    private async Task<SiloPair> StartTwoSilosAsync()
    {
        var (dataSource, _, _) = await PostgresDatabase.CreateAsync(server.ConnectionString);
        var cluster = new MembershipTestCluster(dataSource, output);
        try
        {
            var a = await cluster.StartAsync(configure: o => o.IsolationTimeout = Isolation);
            var b = await cluster.StartAsync(configure: o => o.IsolationTimeout = Isolation);
            await MembershipTestCluster.WaitForView(a, v => v.ActiveSilos.Length == 2, "two Active silos");
            await MembershipTestCluster.WaitForView(b, v => v.ActiveSilos.Length == 2, "two Active silos");
            return new SiloPair(dataSource, cluster, a, b);
        }
        catch
        {
            await cluster.DisposeAsync();
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>The two silos of <see cref="StartTwoSilosAsync"/>; disposing crashes what still runs, then closes the data source.</summary>
    private sealed class SiloPair(NpgsqlDataSource dataSource, MembershipTestCluster cluster, MemberSilo a, MemberSilo b) : IAsyncDisposable
    {
        public MemberSilo A => a;

        public MemberSilo B => b;

        public async ValueTask DisposeAsync()
        {
            await cluster.DisposeAsync();
            await dataSource.DisposeAsync();
        }
    }
}
