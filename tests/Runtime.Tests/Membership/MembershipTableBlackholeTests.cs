using System.Diagnostics;
using Npgsql;
using OrleansChat.Runtime.Membership;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

/// <summary>
/// The table's server goes silent without closing anything, as behind a partitioned network: a
/// relay in front of a real PostgreSQL keeps every connection open, accepts new ones and answers
/// nothing. Npgsql's own timeouts are set far beyond the membership's, so only
/// <see cref="MembershipOptions.TableOperationTimeout"/> can end the operations in time; cancelling
/// the driver does not (its cancel request goes over a new connection and waits for the silent server).
/// </summary>
public sealed class MembershipTableBlackholeTests(PostgresFixture database, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(2);

    // A behaviour bound, not a performance one: far above the operation timeout, far below the driver's 60 s.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Table_operations_against_a_silent_server_fail_at_the_operation_timeout_and_the_silo_recovers_when_it_answers_again()
    {
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = new TcpRelay(target.Port);
        relay.Start();
        var viaRelay = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, CommandTimeout = 60, Timeout = 60 };
        await using var dataSource = NpgsqlDataSource.Create(viaRelay.ConnectionString);
        await using var cluster = new MembershipTestCluster(dataSource, output);
        // The schema and the driver's first connection take their time; not out of the silo's short operation timeout.
        await using (var table = cluster.Table)
        {
            await table.InitializeAsync(CancellationToken.None);
        }

        var a = await cluster.StartAsync(configure: o => o.TableOperationTimeout = OperationTimeout);
        await MembershipTestCluster.WaitForView(a, v => v.ActiveSilos.Length == 1, "itself Active");

        // A silo joining in the outage, with a data source of its own: no pooled connection, so it has to open one.
        await using var lateSource = NpgsqlDataSource.Create(viaRelay.ConnectionString);
        var lateOptions = MembershipTestCluster.FastOptions(cluster.ClusterId, MembershipTestCluster.NewPort());
        lateOptions.TableOperationTimeout = OperationTimeout;
        await using var late = new MemberSilo(new MembershipTable(lateSource, cluster.ClusterId), lateOptions, liveness: null, output);

        relay.Blackhole();
        try
        {
            // A change reads first; the read fails as a cancelled operation, as a timed-out one always has.
            var watch = Stopwatch.StartNew();
            var stranger = new SiloAddress("127.0.0.1", MembershipTestCluster.NewPort(), 1);
            var voteError = await Wait.For(Record(a.Service.SuspectAsync(stranger, CancellationToken.None)), "a vote against the silent table to give up", Bound);
            Assert.IsAssignableFrom<OperationCanceledException>(voteError);
            Assert.True(watch.Elapsed >= OperationTimeout - TimeSpan.FromMilliseconds(50), $"gave up after {watch.Elapsed}, before the operation timeout");

            // A refresh and a write (the defunct cleanup) give up too; both log the failure and the silo carries on.
            var failedReads = a.Service.Statistics.FailedTableReads;
            await Wait.For(a.Service.RefreshAsync(CancellationToken.None), "a refresh against the silent table to give up", Bound);
            Assert.True(a.Service.Statistics.FailedTableReads > failedReads);
            await Wait.For(a.Service.CleanupDefunctAsync(CancellationToken.None), "a defunct cleanup against the silent table to give up", Bound);

            // Opening a connection goes unanswered too: the join fails instead of hanging.
            var joinError = await Wait.For(Record(late.Service.StartAsync(CancellationToken.None)), "a join against the silent table to give up", Bound);
            Assert.IsAssignableFrom<OperationCanceledException>(joinError);

            Assert.False(a.WasDeclaredDead);
        }
        finally
        {
            relay.Resume();
        }

        // Answering again. Transactions abandoned in the outage keep their locks until the driver breaks
        // their connections, so this write may wait a little; the silo's own reads then see it.
        var before = a.View.Version;
        await cluster.ExecuteAsync("UPDATE cluster_membership_version SET version = version + 1 WHERE cluster_id = @c", ("c", cluster.ClusterId));
        await MembershipTestCluster.WaitForView(a, v => v.Version > before, "a version written after the outage");
        Assert.Equal(SiloStatus.Active, a.View.GetStatus(a.Address));
        Assert.False(a.WasDeclaredDead);
    }

    /// <summary>Completes with the exception <paramref name="operation"/> fails with (null when it succeeds).</summary>
    private static async Task<Exception?> Record(Task operation)
    {
        try
        {
            await operation;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
