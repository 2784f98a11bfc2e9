using System.Diagnostics;
using OrleansChat.Runtime.Membership;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

/// <summary>
/// A silo cut off from the membership table and from every peer stops itself after the
/// isolation timeout; one that still reaches a peer rides out a table outage. The table becomes
/// unreachable because this class's own server really stops; the peers because they crash.
/// </summary>
public sealed class MembershipIsolationTests(ThrowawayPostgresServer server, ITestOutputHelper output) : IClassFixture<ThrowawayPostgresServer>
{
    private static readonly TimeSpan Isolation = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_silo_that_reaches_neither_the_table_nor_any_peer_for_the_isolation_timeout_stops_as_if_declared_dead()
    {
        var (dataSource, _, _) = await PostgresDatabase.CreateAsync(server.ConnectionString);
        await using var _ = dataSource;
        await using var cluster = new MembershipTestCluster(dataSource, output);
        var a = await cluster.StartAsync(configure: o => o.IsolationTimeout = Isolation);
        var b = await cluster.StartAsync(configure: o => o.IsolationTimeout = Isolation);
        await MembershipTestCluster.WaitForView(a, v => v.ActiveSilos.Length == 2, "two Active silos");

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
        var (dataSource, _, _) = await PostgresDatabase.CreateAsync(server.ConnectionString);
        await using var _ = dataSource;
        await using var cluster = new MembershipTestCluster(dataSource, output);
        var a = await cluster.StartAsync(configure: o => o.IsolationTimeout = Isolation);
        var b = await cluster.StartAsync(configure: o => o.IsolationTimeout = Isolation);
        await MembershipTestCluster.WaitForView(a, v => v.ActiveSilos.Length == 2, "two Active silos");
        await MembershipTestCluster.WaitForView(b, v => v.ActiveSilos.Length == 2, "two Active silos");

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
}
