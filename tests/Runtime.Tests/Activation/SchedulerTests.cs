using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Activation;

public sealed class SchedulerTests
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Requests_run_one_at_a_time_in_arrival_order()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ISchedulingGrain>(NewKey());

        var calls = Enumerable.Range(0, 200).Select(grain.Record).ToArray();
        await Wait.For(Task.WhenAll(calls), "200 queued requests");

        // Each request records its id before and after an await; no other request may run in between.
        var expected = Enumerable.Range(0, 200).SelectMany(i => new[] { i, i });
        Assert.Equal(expected, await grain.Recorded());
    }

    [Fact]
    public async Task A_non_reentrant_grain_starts_no_request_while_another_awaits()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewKey();
        var probe = Probe.For(key);
        var grain = silo.GrainFactory.GetGrain<ISchedulingGrain>(key);

        var first = grain.Hold("a");
        var second = grain.Hold("b");
        await Wait.Until(() => probe.Started == 1, "the first request started");
        probe.Open("b");

        // An always-interleave call gets through while the first request awaits; the second has not started.
        Assert.Equal(1, await Wait.For(grain.Inside(), "the always-interleave call"));
        Assert.Equal(1, probe.Started);

        probe.Open("a");
        await Wait.For(Task.WhenAll(first, second), "both requests");
        Assert.Equal(2, probe.Started);
        Assert.Equal(1, probe.MaxInside);
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_requests()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewKey();
        var probe = Probe.For(key);
        var grain = silo.GrainFactory.GetGrain<IReentrantGrain>(key);

        var calls = new[] { grain.Hold("g"), grain.Hold("g"), grain.Hold("g") };
        await Wait.Until(() => probe.Inside == 3, "three requests were inside the reentrant grain at once");
        probe.Open("g");
        await Wait.For(Task.WhenAll(calls), "the reentrant requests");
        Assert.Equal(3, probe.MaxInside);
    }

    [Fact]
    public async Task Read_only_requests_interleave_with_each_other_but_not_with_writers()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewKey();
        var probe = Probe.For(key);
        var grain = silo.GrainFactory.GetGrain<ISchedulingGrain>(key);

        var readers = new[] { grain.HoldReadOnly("r"), grain.HoldReadOnly("r") };
        await Wait.Until(() => probe.Inside == 2, "two read-only requests were inside at once");
        var writer = grain.Hold("w");
        Assert.Equal(2, await Wait.For(grain.Inside(), "the always-interleave call"));
        Assert.Equal(2, probe.Started);

        probe.Open("r");
        await Wait.For(Task.WhenAll(readers), "the read-only requests");
        await Wait.Until(() => probe.Started == 3, "the writer started after the readers left");
        Assert.Equal(1, probe.Inside);
        probe.Open("w");
        await Wait.For(writer, "the writer");
    }

    [Fact]
    public async Task A_call_with_no_response_times_out_and_the_activation_stays_usable()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(5), time);
        var key = NewKey();
        var probe = Probe.For(key);
        var grain = silo.GrainFactory.GetGrain<ISchedulingGrain>(key);

        var stuck = grain.Hold("never-yet");
        await Wait.Until(() => probe.Started == 1, "the request started");
        time.Advance(TimeSpan.FromSeconds(6));

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => Wait.For(stuck, "the timeout"));
        Assert.Contains("Hold", error.Message, StringComparison.Ordinal);

        // At-most-once: the request was not re-sent; it is still the only one inside.
        Assert.Equal(1, probe.Started);
        probe.Open("never-yet");
        await Wait.Until(() => probe.Inside == 0, "the held request finished");
        Assert.Equal(0, await Wait.For(grain.Inside(), "a later call"));
    }
}
