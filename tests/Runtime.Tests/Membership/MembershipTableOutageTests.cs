using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

/// <summary>
/// The table becomes unreachable because its server really stops (a throwaway server this
/// class starts), not through a fake data source: that exercises Npgsql's actual failures —
/// refused connections, pooled connections broken under the silo — and the recovery after a
/// restart, which a wrapper would only imitate, and needs no test seam in the production code.
/// </summary>
public sealed class MembershipTableOutageTests(ThrowawayPostgresServer server, ITestOutputHelper output) : IClassFixture<ThrowawayPostgresServer>
{
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
}
