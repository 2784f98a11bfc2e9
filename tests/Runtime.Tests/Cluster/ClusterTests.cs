using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Runtime.Tests.Activation;
using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Cluster;

public sealed class ClusterTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Grains_spread_over_the_silos_and_each_grain_has_one_activation()
    {
        await using var cluster = await TestCluster.StartAsync(await database.CreateDatabaseAsync(), silos: 2);
        var keys = Enumerable.Range(0, 60).Select(_ => NewKey()).ToArray();
        foreach (var key in keys)
        {
            Assert.Equal(1, await cluster.Client.GetGrain<IPersistentCounterGrain>(key).Increment("client"));
        }

        var perSilo = cluster.Silos.Select(s => s.Catalog.Activations.Count(a => a.GrainId.Type == "persistentcounter")).ToArray();
        Assert.All(perSilo, count => Assert.True(count > 0, "every silo should own some of 60 grains"));
        Assert.Equal(keys.Length, perSilo.Sum());
    }

    [Fact]
    public async Task Calls_between_silos_carry_request_context_and_exceptions()
    {
        await using var cluster = await TestCluster.StartAsync(await database.CreateDatabaseAsync(), silos: 2);
        var grain = cluster.Client.GetGrain<ISchedulingGrain>(NewKey());

        RequestContext.Set("user", "bob");
        try
        {
            // Many targets, so some hops necessarily cross silos.
            foreach (var other in Enumerable.Range(0, 10).Select(_ => NewKey()))
            {
                Assert.Equal("bob", await grain.WhoCallsVia(other));
            }
        }
        finally
        {
            RequestContext.Clear();
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.ThrowAsync("remote boom"));
        Assert.Equal("remote boom", error.Message);
        var items = new List<int> { 1, 2 };
        Assert.Equal(3, await grain.CountItems(items));
        Assert.Equal([1, 2], items);
    }

    [Fact]
    public async Task A_grain_calls_back_a_client_observer()
    {
        await using var cluster = await TestCluster.StartAsync(await database.CreateDatabaseAsync(), silos: 2);
        var observer = new RecordingObserver();
        var reference = cluster.Client.CreateObjectReference<IPingObserver>(observer);
        var hub = cluster.Client.GetGrain<IObserverHubGrain>(NewKey());

        await hub.Subscribe(reference);
        Assert.Equal(1, await hub.Publish("hello"));

        Assert.Equal(["hello"], observer.Received);
    }

    [Fact]
    public async Task A_gracefully_stopped_silo_fails_no_call_and_its_grains_continue_elsewhere_with_their_state()
    {
        await using var cluster = await TestCluster.StartAsync(await database.CreateDatabaseAsync(), silos: 2);
        var keys = Enumerable.Range(0, 20).Select(_ => NewKey()).ToArray();
        var expected = keys.ToDictionary(k => k, _ => 0);
        using var stop = new CancellationTokenSource();

        // Steady calls from the client while one silo leaves; every call must succeed.
        var load = Task.Run(async () =>
        {
            var failures = new List<Exception>();
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var key = keys[i++ % keys.Length];
                try
                {
                    var count = await cluster.Client.GetGrain<IPersistentCounterGrain>(key).Increment("load");
                    lock (expected)
                    {
                        expected[key]++;
                        Assert.Equal(expected[key], count);
                    }
                }
                catch (Exception ex)
                {
                    failures.Add(ex);
                }
            }

            return failures;
        });

        await Wait.Until(() => expected.Values.Sum() > 100, "100 calls went through before the stop");
        await cluster.StopSiloAsync(cluster.Silos[1]);
        await cluster.WaitForActiveSilosAsync(1);
        var before = expected.Values.Sum();
        await Wait.Until(() => expected.Values.Sum() > before + 100, "100 more calls after the stop");
        stop.Cancel();

        var failures = await load;
        Assert.Empty(failures);
        foreach (var key in keys)
        {
            var state = await cluster.Client.GetGrain<IPersistentCounterGrain>(key).Read();
            Assert.Equal(expected[key], state.Count);
        }
    }

    [Fact]
    public async Task A_joining_silo_takes_a_share_of_grains_and_moved_grains_keep_their_state()
    {
        await using var cluster = await TestCluster.StartAsync(await database.CreateDatabaseAsync(), silos: 2);
        var keys = Enumerable.Range(0, 40).Select(_ => NewKey()).ToArray();
        foreach (var key in keys)
        {
            await cluster.Client.GetGrain<IPersistentCounterGrain>(key).Increment("before");
        }

        var third = await cluster.StartSiloAsync();
        await cluster.WaitForActiveSilosAsync(3);
        foreach (var key in keys)
        {
            Assert.Equal(2, await cluster.Client.GetGrain<IPersistentCounterGrain>(key).Increment("after"));
        }

        Assert.True(third.Catalog.Activations.Count(a => a.GrainId.Type == "persistentcounter") > 0, "the new silo should own some grains");
        var total = cluster.Silos.Sum(s => s.Catalog.Activations.Count(a => a.GrainId.Type == "persistentcounter"));
        Assert.Equal(keys.Length, total);
    }

    [Fact]
    public async Task A_call_to_an_unknown_grain_type_gets_a_clear_error_and_the_cluster_keeps_serving()
    {
        await using var cluster = await TestCluster.StartAsync(await database.CreateDatabaseAsync(), silos: 2);
        var unknown = cluster.Client.GetGrain<IPersistentCounterGrain>(new GrainId("nosuchtype", NewKey()));

        var error = await Assert.ThrowsAsync<UnknownGrainTypeException>(() => unknown.Increment("x"));
        Assert.Contains("nosuchtype", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await cluster.Client.GetGrain<IPersistentCounterGrain>(NewKey()).Increment("ok"));
    }

    [Fact]
    public async Task A_stream_delivers_each_item_once_per_subscribed_process_to_every_local_handler()
    {
        await using var cluster = await TestCluster.StartAsync(await database.CreateDatabaseAsync(), silos: 2);
        var streams = cluster.ClientServices.GetRequiredService<Streams.IStreamProvider>();
        var key = NewKey();
        var stream = streams.GetStream<ChatLine>(new Streams.StreamId("test", key));
        var first = new System.Collections.Concurrent.ConcurrentQueue<ChatLine>();
        var second = new System.Collections.Concurrent.ConcurrentQueue<ChatLine>();
        var handleA = await stream.SubscribeAsync(line => { first.Enqueue(line); return Task.CompletedTask; });
        await using var handleB = await stream.SubscribeAsync(line => { second.Enqueue(line); return Task.CompletedTask; });

        var rendezvous = cluster.Client.GetGrain<Streams.IStreamRendezvousGrain>($"test/{key}");
        Assert.Equal(1, await rendezvous.SubscriberCount());
        var publisher = cluster.Client.GetGrain<IStreamPublisherGrain>(NewKey());
        for (var i = 0; i < 5; i++)
        {
            await publisher.Publish(key, "line", i);
        }

        Assert.Equal(Enumerable.Range(0, 5), first.Select(l => l.Number));
        Assert.Equal(Enumerable.Range(0, 5), second.Select(l => l.Number));

        await handleA.UnsubscribeAsync();
        Assert.Equal(1, await rendezvous.SubscriberCount());
        await handleB.UnsubscribeAsync();
        Assert.Equal(0, await rendezvous.SubscriberCount());
    }

    [Fact]
    public async Task Traffic_between_silos_counts_as_a_sign_of_life_for_membership()
    {
        await using var cluster = await TestCluster.StartAsync(await database.CreateDatabaseAsync(), silos: 2);
        var grain = cluster.Silos[0].GrainFactory.GetGrain<ISchedulingGrain>(NewKey());
        var other = cluster.Silos[1].Membership.LocalAddress;
        var liveness = cluster.Silos[0].Services.GetRequiredService<OrleansChat.Runtime.Membership.ISiloLivenessSource>();

        // Calls from silo 0 through grains on both silos until silo 1 has answered something.
        await Wait.Until(
            async () =>
            {
                await grain.WhoCallsVia(NewKey());
                return liveness.LastMessageFrom(other) is not null;
            },
            "silo 0 received a message from silo 1");
        // Tick-count and wall-clock readings differ by a few milliseconds, hence the small negative allowance.
        Assert.InRange(DateTimeOffset.UtcNow - liveness.LastMessageFrom(other)!.Value, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(10));
        Assert.Null(liveness.LastMessageFrom(new OrleansChat.Runtime.Membership.SiloAddress("127.0.0.1", 1, 1)));
    }
}
