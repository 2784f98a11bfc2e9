using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansChat.Runtime.Client;
using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Tests.Activation;
using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Client;

/// <summary>
/// The client's database goes silent without closing anything, as behind a partitioned network:
/// the client reaches PostgreSQL through a relay that keeps every connection open, accepts new
/// ones and answers nothing, while the silos reach it directly. Npgsql's own timeouts are set far
/// beyond the client's, so only <see cref="ClusterClientOptions.TableOperationTimeout"/> can end
/// a refresh in time; cancelling the driver does not.
/// </summary>
public sealed class ClusterClientBlackholeTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(2);

    // A behaviour bound, not a performance one: far above the operation timeout, far below the driver's 60 s.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_client_whose_database_goes_silent_gives_up_its_refresh_keeps_calling_and_sees_a_new_silo_once_the_database_answers()
    {
        var (relay, cluster) = await StartBehindRelayAsync(commandTimeout: 60);
        await using var _ = relay;
        await using var __ = cluster;
        var client = cluster.ClientServices.GetRequiredService<ClusterClient>();
        var counter = cluster.Client.GetGrain<IPersistentCounterGrain>(Guid.NewGuid().ToString("N"));
        Assert.Equal(1, await counter.Increment("before"));

        relay.Blackhole();
        var acceptedBefore = relay.AcceptedConnections;
        try
        {
            var failedBefore = client.FailedRefreshes;
            await Wait.Until(() => client.FailedRefreshes > failedBefore, "a client refresh against the silent table to give up", Bound);
            Assert.False(cluster.ClientStatus.IsConnected);

            // The read it gave up on has not ended (the server is silent): later refreshes fail at once
            // instead of each leaving one more read, and connection, waiting on the silent server.
            await Wait.Until(() => client.FailedRefreshes > failedBefore + 5, "five more refreshes to fail while the first read is pending", Bound);
            var opened = relay.AcceptedConnections - acceptedBefore;
            // The abandoned read runs on a pooled connection; its cancel request may open one more.
            Assert.True(opened <= 1, $"{opened} connections opened to the silent server by the refreshes");

            // The last view still routes calls: the silos serve without the table.
            Assert.Equal(2, await Wait.For(counter.Increment("during"), "a grain call while the client's table is silent", Bound));

            // The silos still reach the table, so a silo joins; the client cannot read that yet.
            await cluster.StartSiloAsync();
            Assert.Equal(1, cluster.ClientStatus.ActiveSilos);
        }
        finally
        {
            relay.Resume();
        }

        // Answering again: once the abandoned read ends, the refreshes read again and see the new silo.
        await cluster.WaitForActiveSilosAsync(2);
        await Wait.Until(() => cluster.ClientStatus.IsConnected, "the client to read the table again");
        Assert.Equal(3, await counter.Increment("after"));
    }

    [Fact]
    public async Task A_client_whose_open_connections_go_silent_for_good_reads_the_table_again_over_new_ones_although_its_abandoned_read_never_ends()
    {
        // Command Timeout=0: the driver never gives up on the silent read by itself (with its own timeout it
        // would, after that timeout, over a new connection), so only the client's backstop can get reads going.
        var (relay, cluster) = await StartBehindRelayAsync(commandTimeout: 0);
        await using var _ = relay;
        await using var __ = cluster;
        var client = cluster.ClientServices.GetRequiredService<ClusterClient>();
        var counter = cluster.Client.GetGrain<IPersistentCounterGrain>(Guid.NewGuid().ToString("N"));
        Assert.Equal(1, await counter.Increment("before"));

        // The connections open now (the client's pooled one) stay open and silent for good; new ones are answered.
        relay.SilenceExisting();
        await Wait.Until(() => client.PendingAbandonedReads > 0, "a client refresh on the silenced connection to be abandoned", Bound);
        Assert.False(cluster.ClientStatus.IsConnected);

        // The silos reach the table directly, so a silo joins; the client sees it only by reading the table again.
        await cluster.StartSiloAsync();
        var backstop = TableOperation.AbandonedReadLimitFor(OperationTimeout);
        await Wait.Until(
            () => cluster.ClientStatus.IsConnected && cluster.ClientStatus.ActiveSilos == 2,
            "the client to read the table over a new connection and see the second silo",
            Bound + (backstop * 2));

        // Its abandoned read has still not ended: the client read again without waiting for it.
        Assert.True(client.PendingAbandonedReads > 0);
        Assert.Equal(2, await counter.Increment("after"));
    }

    /// <summary>Silos that reach PostgreSQL directly and a client that reaches it through a relay.</summary>
    private async Task<(TcpRelay Relay, TestCluster Cluster)> StartBehindRelayAsync(int commandTimeout)
    {
        var connectionString = await database.CreateDatabaseAsync();
        var relay = new TcpRelay(new NpgsqlConnectionStringBuilder(connectionString).Port);
        relay.Start();
        var viaRelay = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = relay.Port, CommandTimeout = commandTimeout, Timeout = 60 };
        try
        {
            return (relay, await TestCluster.StartAsync(connectionString, silos: 1, viaRelay.ConnectionString, o => o.TableOperationTimeout = OperationTimeout));
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }
}
