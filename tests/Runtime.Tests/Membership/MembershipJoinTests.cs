using Npgsql;
using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

public sealed class MembershipJoinTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Three_silos_join_and_each_sees_all_three_active()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);

        var silos = new[] { await cluster.StartAsync(), await cluster.StartAsync(), await cluster.StartAsync() };

        var addresses = silos.Select(s => s.Address).Order().ToArray();
        foreach (var silo in silos)
        {
            var view = await MembershipTestCluster.WaitForView(silo, v => v.ActiveSilos.SequenceEqual(addresses), "all three silos Active");
            Assert.Equal(3, view.Members.Length);
            Assert.All(view.Members, m => Assert.Empty(m.SuspectVotes));
        }

        var read = await MembershipTableReader.ReadAsync(database.DataSource, cluster.ClusterId);
        Assert.Equal(addresses, read.ActiveSilos);
        Assert.Equal(["silo-" + silos[0].Address.Port], read.Members.Where(m => m.Address == silos[0].Address).Select(m => m.SiloName));
        Assert.DoesNotContain(silos, s => s.WasDeclaredDead);
    }

    [Fact]
    public async Task Concurrent_joiners_all_become_active_and_every_change_moves_the_version_once()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var silos = Enumerable.Range(0, 6).Select(_ => cluster.Create()).ToList();
        var seenVersions = silos.ToDictionary(s => s, _ => new List<long>());
        foreach (var silo in silos)
        {
            silo.Service.ViewChanged += view =>
            {
                lock (seenVersions[silo])
                {
                    seenVersions[silo].Add(view.Version);
                }
            };
        }

        await Task.WhenAll(silos.Select(s => s.Service.StartAsync(CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(30));

        var view = await MembershipTableReader.ReadAsync(database.DataSource, cluster.ClusterId);
        Assert.Equal(silos.Select(s => s.Address).Order(), view.ActiveSilos);
        // Each join is exactly two compare-and-swaps (insert as Joining, then Active): none lost, none doubled.
        Assert.Equal(12, view.Version);
        Assert.Equal(12, await cluster.ReadVersionAsync());
        foreach (var (silo, versions) in seenVersions)
        {
            lock (versions)
            {
                Assert.True(versions.Zip(versions.Skip(1)).All(p => p.First < p.Second), $"{silo.Address} saw versions {string.Join(",", versions)}");
            }
        }
    }

    [Fact]
    public async Task A_restart_is_a_new_generation_and_the_old_generation_is_dead_for_good()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var port = MembershipTestCluster.NewPort();
        var first = await cluster.StartAsync(port);
        var other = await cluster.StartAsync();
        await first.CrashAsync();

        var second = await cluster.StartAsync(port);

        Assert.True(second.Address.Generation > first.Address.Generation);
        Assert.True(second.Address.IsSameEndpoint(first.Address));
        var view = await MembershipTestCluster.WaitForView(other, v => v.GetStatus(second.Address) == SiloStatus.Active, "the restarted silo Active");
        Assert.Equal(SiloStatus.Dead, view.GetStatus(first.Address));

        // Neither the protocol nor a hand-written UPDATE can bring the old incarnation back.
        var snapshot = await cluster.Table.ReadAsync(CancellationToken.None);
        Assert.Null(await cluster.Table.TrySetStatusAsync(snapshot.Version, first.Address, SiloStatus.Active, CancellationToken.None));
        var error = await Assert.ThrowsAsync<PostgresException>(() => cluster.ExecuteAsync(
            "UPDATE cluster_members SET status = 3 WHERE cluster_id = @c AND generation = @g",
            ("c", cluster.ClusterId), ("g", first.Address.Generation)));
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(SiloStatus.Dead, (await MembershipTableReader.ReadAsync(database.DataSource, cluster.ClusterId)).GetStatus(first.Address));
    }

    [Fact]
    public async Task A_restart_declares_its_still_running_previous_incarnation_dead_and_that_one_stops()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var port = MembershipTestCluster.NewPort();
        var zombie = await cluster.StartAsync(port);

        var restarted = await cluster.StartAsync(port);

        await Wait.For(zombie.DeclaredDead, "the previous incarnation to learn it was declared dead");
        var view = await MembershipTableReader.ReadAsync(database.DataSource, cluster.ClusterId);
        Assert.Equal(SiloStatus.Dead, view.GetStatus(zombie.Address));
        Assert.Equal<SiloAddress>([restarted.Address], view.ActiveSilos);
        Assert.False(restarted.WasDeclaredDead);
    }

    [Fact]
    public async Task Rows_of_another_cluster_are_never_read_probed_or_changed()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var port = MembershipTestCluster.NewPort();
        var foreignCluster = "foreign-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.Table.InitializeAsync(CancellationToken.None);
        await cluster.ExecuteAsync("INSERT INTO cluster_membership_version (cluster_id, version) VALUES (@c, 7)", ("c", foreignCluster));
        // An Active foreign silo on the very endpoint our silo will use, and one nobody answers for.
        await cluster.ExecuteAsync("""
            INSERT INTO cluster_members (cluster_id, host, port, generation, silo_name, probe_port, status, start_time, i_am_alive_time)
            VALUES (@c, '127.0.0.1', @p, 1, 'foreign-a', 9, 3, now(), now()),
                   (@c, '127.0.0.1', @p2, 1, 'foreign-b', 9, 3, now(), now())
            """, ("c", foreignCluster), ("p", port), ("p2", MembershipTestCluster.NewPort()));

        var a = await cluster.StartAsync(port);
        var b = await cluster.StartAsync();
        // Long enough for several suspicions, had the foreign rows been probed.
        await Wait.Until(() => a.Service.Statistics.ProbeRounds > 2 * a.Options.NumMissedProbesLimit && b.Service.Statistics.ProbeRounds > 2 * b.Options.NumMissedProbesLimit,
            "both silos ran enough probe rounds to have suspected an unreachable silo");

        Assert.Equal(new[] { a.Address, b.Address }.Order(), a.View.Members.Select(m => m.Address));
        Assert.Equal(0, a.Service.Statistics.VotesCast + b.Service.Statistics.VotesCast);
        var foreign = await MembershipTableReader.ReadAsync(database.DataSource, foreignCluster);
        Assert.Equal(7, foreign.Version);
        Assert.All(foreign.Members, m => Assert.Equal((SiloStatus.Active, 0), (m.Status, m.SuspectVotes.Length)));
    }

    [Fact]
    public async Task A_configured_generation_that_is_not_newer_than_the_table_is_refused()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        var port = MembershipTestCluster.NewPort();
        var first = await cluster.StartAsync(port);
        await first.Service.LeaveAsync();
        var stale = cluster.Create(port, o => o.LocalSiloAddress = o.LocalSiloAddress.WithGeneration(first.Address.Generation));

        var error = await Assert.ThrowsAsync<MembershipException>(() => stale.Service.StartAsync(CancellationToken.None));

        Assert.Contains("not newer", error.Message, StringComparison.Ordinal);
    }
}
