using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansChat.Runtime.Client;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Tests.Activation;
using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Cluster;

/// <summary>Real silo processes on a real PostgreSQL, killed and terminated as a crash or an operator would.</summary>
public sealed class ProcessClusterTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    // With 0.5 s probes, 3 misses and a vote, a crashed silo is declared dead in about 2-4 s; 10 s is the product's bound.
    private static readonly TimeSpan DeathBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_killed_silo_is_declared_dead_in_time_and_its_grains_come_back_elsewhere_with_their_state()
    {
        var (connectionString, clusterId, silos) = await StartSilosAsync(3);
        await using var _ = silos;
        using var client = await StartClientAsync(connectionString, clusterId, 3);
        var factory = client.Services.GetRequiredService<IGrainFactory>();
        var keys = Enumerable.Range(0, 30).Select(i => $"k{i}-{Guid.NewGuid():N}").ToArray();
        var acknowledged = keys.ToDictionary(k => k, _ => 0);
        foreach (var key in keys)
        {
            acknowledged[key] = await factory.GetGrain<IPersistentCounterGrain>(key).Increment("before");
        }

        // Steady calls while a silo dies: a call whose outcome is unknown (in flight on the dead silo) may
        // fail; every other call waits out the detection and succeeds on the grain's new owner.
        var failedPerKey = keys.ToDictionary(k => k, _ => 0);
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i += 4)
            {
                var key = keys[i % keys.Length];
                try
                {
                    var count = await factory.GetGrain<IPersistentCounterGrain>(key).Increment("load");
                    lock (acknowledged)
                    {
                        acknowledged[key] = Math.Max(acknowledged[key], count);
                    }
                }
                catch (Exception ex) when (ex is SiloUnavailableException or GrainCallTimeoutException)
                {
                    lock (acknowledged)
                    {
                        failedPerKey[key]++;
                    }
                }
            }
        })));

        var victim = silos[2];
        var watch = Stopwatch.StartNew();
        victim.Kill();
        await WaitForStatusAsync(connectionString, clusterId, victim.SiloPort, SiloStatus.Dead, DeathBound);
        watch.Stop();
        await Wait.Until(() => client.Services.GetRequiredService<IClusterClientStatus>().ActiveSilos == 2, "the client's view dropped the dead silo");
        stop.Cancel();
        await load;

        // After the retry window every call succeeds, and no acknowledged increment was lost.
        foreach (var key in keys)
        {
            var count = await factory.GetGrain<IPersistentCounterGrain>(key).Increment("after");
            Assert.InRange(count, acknowledged[key] + 1, acknowledged[key] + 1 + failedPerKey[key]);
        }

        Assert.True(watch.Elapsed < DeathBound, $"declared dead after {watch.Elapsed}");
    }

    [Fact]
    public async Task A_terminated_silo_leaves_with_zero_failed_calls_and_a_joining_silo_takes_new_grains()
    {
        var (connectionString, clusterId, silos) = await StartSilosAsync(3);
        await using var _ = silos;
        using var client = await StartClientAsync(connectionString, clusterId, 3);
        var factory = client.Services.GetRequiredService<IGrainFactory>();
        var keys = Enumerable.Range(0, 30).Select(i => $"k{i}-{Guid.NewGuid():N}").ToArray();
        var succeeded = 0;
        var failures = new List<Exception>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i += 4)
            {
                try
                {
                    await factory.GetGrain<IPersistentCounterGrain>(keys[i % keys.Length]).Increment("load");
                    Interlocked.Increment(ref succeeded);
                }
                catch (Exception ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }
                }
            }
        })));

        await Wait.Until(() => Volatile.Read(ref succeeded) > 200, "200 calls before the SIGTERM");
        var metrics = await silos[0].MetricsAsync();
        Assert.Contains("orleanschat_grain_calls_total{grain_method=\"Increment\",grain_type=\"persistentcounter\",outcome=\"success\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("orleanschat_grain_activations{grain_type=\"persistentcounter\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("orleanschat_membership_changes_total{silo_status=\"active\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("orleanschat_db_command_duration_seconds_count{db_operation_name=\"grain_state.write\",outcome=\"success\"}", metrics, StringComparison.Ordinal);
        silos[1].Terminate();
        await silos[1].WaitForExitAsync(TimeSpan.FromSeconds(40));
        await WaitForStatusAsync(connectionString, clusterId, silos[1].SiloPort, SiloStatus.Dead, TimeSpan.FromSeconds(15));
        var afterStop = Volatile.Read(ref succeeded);
        await Wait.Until(() => Volatile.Read(ref succeeded) > afterStop + 200, "200 calls after the stop");

        // A fourth silo joins under load and takes a share of new activations.
        var fourth = await SiloProcess.StartAsync(connectionString, clusterId, "silo-3");
        silos.Add(fourth);
        await client.Services.GetRequiredService<IClusterClientStatus>().WaitForActiveSilosAsync(3).WaitAsync(TimeSpan.FromSeconds(30));
        await Wait.Until(() => client.Services.GetRequiredService<IClusterClientStatus>().ActiveSilos == 3, "the client sees the new silo");
        foreach (var key in Enumerable.Range(0, 40).Select(i => $"new{i}-{Guid.NewGuid():N}"))
        {
            await factory.GetGrain<IPersistentCounterGrain>(key).Increment("new");
        }

        stop.Cancel();
        await load;
        Assert.Empty(failures);
        Assert.True(await fourth.ActivationCountAsync() > 0, "the joining silo should host some of 40 new grains");
    }

    [Fact]
    public async Task A_silo_that_its_peers_mark_dead_terminates_itself()
    {
        var connectionString = await database.CreateDatabaseAsync();
        var clusterId = "p" + Guid.NewGuid().ToString("N")[..10];
        await using var silos = new SiloSet();
        silos.Add(await SiloProcess.StartAsync(connectionString, clusterId, "silo-0"));
        silos.Add(await SiloProcess.StartAsync(connectionString, clusterId, "silo-1"));

        // What a death declaration writes: the row Dead, the version bumped.
        await using (var data = NpgsqlDataSource.Create(connectionString))
        {
            await using var batch = data.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE cluster_members SET status = 6 WHERE cluster_id = $1 AND port = $2")
            {
                Parameters = { new() { Value = clusterId }, new() { Value = silos[1].SiloPort } },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE cluster_membership_version SET version = version + 1 WHERE cluster_id = $1")
            {
                Parameters = { new() { Value = clusterId } },
            });
            await batch.ExecuteNonQueryAsync();
        }

        await silos[1].WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(silos[1].HasExited);
        Assert.False(silos[0].HasExited);
    }

    [Fact]
    public async Task A_silo_with_an_unreachable_database_exits_with_a_clear_message()
    {
        var closedPort = FreePort.Next();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SiloProcess.StartAsync($"Host=127.0.0.1;Port={closedPort};Username=postgres;Timeout=2", "unreachable", "silo-x"));
        Assert.Contains("Could not connect to PostgreSQL", error.Message, StringComparison.Ordinal);
    }

    private async Task<(string ConnectionString, string ClusterId, SiloSet Silos)> StartSilosAsync(int count)
    {
        var connectionString = await database.CreateDatabaseAsync();
        var clusterId = "p" + Guid.NewGuid().ToString("N")[..10];
        var silos = new SiloSet();
        for (var i = 0; i < count; i++)
        {
            silos.Add(await SiloProcess.StartAsync(connectionString, clusterId, $"silo-{i}"));
        }

        return (connectionString, clusterId, silos);
    }

    private static async Task<IHost> StartClientAsync(string connectionString, string clusterId, int silos)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddOrleansChatPostgres(connectionString);
        builder.Services.AddClusterClient([typeof(ProcessClusterTests).Assembly], o =>
        {
            o.ClusterId = clusterId;
            o.TableRefreshPeriod = TimeSpan.FromMilliseconds(200);
        });
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IClusterClientStatus>().WaitForActiveSilosAsync(silos).WaitAsync(TimeSpan.FromSeconds(20));
        return host;
    }

    private static async Task WaitForStatusAsync(string connectionString, string clusterId, int port, SiloStatus status, TimeSpan timeout)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await Wait.Until(
            async () =>
            {
                var view = await MembershipTableReader.ReadAsync(data, clusterId);
                return view.Members.Any(m => m.Address.Port == port && m.Status == status);
            },
            $"the silo on port {port} is {status} in the membership table",
            timeout);
    }

    private sealed class SiloSet : List<SiloProcess>, IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var silo in this)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
