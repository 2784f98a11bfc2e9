using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Activation;

public sealed class LifecycleTests
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task OnActivateAsync_runs_once_before_the_first_request()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);

        var calls = Enumerable.Range(0, 10).Select(_ => grain.ActivationNumber()).ToArray();
        var numbers = await Wait.For(Task.WhenAll(calls), "ten calls");

        Assert.Single(numbers.Distinct());
        Assert.Equal(["activate", .. Enumerable.Repeat("call", 10)], Probe.For(key).Events);
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_request_and_the_next_call_gets_a_new_activation()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);

        var first = await grain.ActivationNumber();
        await grain.Leave();
        await Wait.Until(() => Probe.For(key).Events.Contains("deactivate:ApplicationRequested"), "OnDeactivateAsync ran");
        var second = await grain.ActivationNumber();

        Assert.NotEqual(first, second);
        Assert.Equal(2, Probe.For(key).Events.Count(e => e == "activate"));
    }

    [Fact]
    public async Task A_failed_activation_rejects_its_queued_calls_and_leaves_nothing_behind()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = "fail-" + NewKey();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);

        var calls = Enumerable.Range(0, 5).Select(_ => grain.ActivationNumber()).ToArray();
        Probe.For(key).Open("fail-activation");
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<GrainActivationException>(() => Wait.For(call, "a rejected call"));
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
            Assert.IsType<InvalidOperationException>(error.InnerException);
        }

        Assert.False(silo.Catalog.TryGet(new GrainId("lifecycle", key), out _));

        // The next call tries a fresh activation rather than reusing a broken one.
        await Assert.ThrowsAsync<GrainActivationException>(() => grain.ActivationNumber());
        Assert.Equal(2, Probe.For(key).Events.Count(e => e == "activate-failed"));
        Assert.DoesNotContain("call", Probe.For(key).Events);
    }

    [Fact]
    public async Task An_idle_activation_is_collected_after_the_collection_age_and_not_before()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(
            o =>
            {
                o.CollectionAge = TimeSpan.FromMinutes(15);
                o.CollectionQuantum = TimeSpan.FromMinutes(1);
            },
            time);
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.ActivationNumber();

        time.Advance(TimeSpan.FromMinutes(10));
        await grain.ActivationNumber();
        time.Advance(TimeSpan.FromMinutes(14));
        Assert.DoesNotContain("deactivate:ActivationIdle", Probe.For(key).Events);
        Assert.True(silo.Catalog.TryGet(new GrainId("lifecycle", key), out _));

        time.Advance(TimeSpan.FromMinutes(2));
        await Wait.Until(() => Probe.For(key).Events.Contains("deactivate:ActivationIdle"), "the idle activation was deactivated");
        await Wait.Until(() => !silo.Catalog.TryGet(new GrainId("lifecycle", key), out _), "the activation left the catalog");
    }

    [Fact]
    public async Task Timer_ticks_never_overlap()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var key = NewKey();
        var probe = Probe.For(key);
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.StartTimer(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), keepAlive: false);

        time.Advance(TimeSpan.FromSeconds(10));
        await Wait.Until(() => probe.Started == 1, "the first tick started");

        // The first tick is still running: later due times must not start another.
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, probe.Started);
        probe.Open("tick-1");
        await Wait.Until(() => probe.Inside == 0 && time.HasTimerDueIn(TimeSpan.FromSeconds(10)), "the first tick finished and the timer was re-armed");
        time.Advance(TimeSpan.FromSeconds(10));
        await Wait.Until(() => probe.Started == 2, "the second tick started a period after the first ended");
        Assert.Equal(1, probe.MaxInside);
        probe.Open("tick-2");
        await Wait.Until(() => probe.Inside == 0, "the second tick finished");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Timer_ticks_keep_an_activation_alive_only_when_asked_and_the_timer_dies_with_it(bool keepAlive)
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(
            o =>
            {
                o.CollectionAge = TimeSpan.FromMinutes(15);
                o.CollectionQuantum = TimeSpan.FromMinutes(1);
            },
            time);
        var key = NewKey();
        var probe = Probe.For(key);
        for (var i = 1; i <= 40; i++)
        {
            probe.Open($"tick-{i}");
        }

        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.StartTimer(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), keepAlive);

        // Ticks fall at x:30 and the collector runs at whole minutes; stepping half a minute at a
        // time and waiting for each tick to finish keeps the two from racing.
        for (var minute = 1; minute <= 15; minute++)
        {
            time.Advance(TimeSpan.FromSeconds(30));
            var expectedTicks = minute;
            await Wait.Until(() => probe.Started == expectedTicks && probe.Inside == 0 && time.HasTimerDueIn(TimeSpan.FromMinutes(1)), $"tick {expectedTicks} finished and its timer was re-armed");
            time.Advance(TimeSpan.FromSeconds(30));
        }

        // At 15:00 the last request is 15 minutes old; the last tick only 30 seconds.
        if (keepAlive)
        {
            Assert.DoesNotContain("deactivate:ActivationIdle", probe.Events);
            Assert.True(silo.Catalog.TryGet(new GrainId("lifecycle", key), out _));
            return;
        }

        await Wait.Until(() => probe.Events.Contains("deactivate:ActivationIdle"), "the activation with a plain timer was collected");
        var ticksAtDeactivation = probe.Started;
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ticksAtDeactivation, probe.Started);
    }

    [Fact]
    public async Task Stopping_the_silo_deactivates_every_activation()
    {
        var silo = await TestSilo.StartAsync();
        var keys = Enumerable.Range(0, 5).Select(_ => NewKey()).ToArray();
        foreach (var key in keys)
        {
            await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).ActivationNumber();
        }

        await silo.DisposeAsync();
        Assert.All(keys, key => Assert.Contains("deactivate:ShuttingDown", Probe.For(key).Events));
    }
}
