using OrleansChat.Runtime.Membership;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

public sealed class DefunctCleanupTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Dead_rows_silent_for_longer_than_the_cleanup_age_are_deleted_and_all_others_kept()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var silo = await cluster.StartAsync(configure: o =>
        {
            o.DefunctSiloCleanupAge = TimeSpan.FromHours(1);
            o.DefunctSiloCleanupPeriod = TimeSpan.FromMilliseconds(100);
            // No heartbeat during the test, so the silo's own row can look old too.
            o.IAmAliveTablePublishTimeout = TimeSpan.FromHours(1);
        });
        var (oldDead, recentDead) = (MembershipTestCluster.NewPort(), MembershipTestCluster.NewPort());
        await cluster.ExecuteAsync("""
            INSERT INTO cluster_members (cluster_id, host, port, generation, silo_name, probe_port, status, start_time, i_am_alive_time)
            VALUES (@c, '127.0.0.1', @old, 1, 'old-dead', 9, 6, now() - interval '3 hours', now() - interval '2 hours'),
                   (@c, '127.0.0.1', @recent, 1, 'recent-dead', 9, 6, now() - interval '1 hour', now() - interval '10 minutes');
            UPDATE cluster_members SET i_am_alive_time = now() - interval '2 hours'
            WHERE cluster_id = @c AND port = @own;
            """, ("c", cluster.ClusterId), ("old", oldDead), ("recent", recentDead), ("own", silo.Address.Port));
        var before = await cluster.ReadVersionAsync();

        var view = await MembershipTestCluster.WaitForView(silo, v => v.Members.All(m => m.Address.Port != oldDead) && v.Version > before, "the old Dead row deleted");

        Assert.Equal(["recent-dead", silo.Options.SiloName], view.Members.Select(m => m.SiloName).Order());
        Assert.Equal(SiloStatus.Active, view.GetStatus(silo.Address));
        Assert.Equal(before + 1, await cluster.ReadVersionAsync());
        Assert.False(silo.WasDeclaredDead);
    }
}
