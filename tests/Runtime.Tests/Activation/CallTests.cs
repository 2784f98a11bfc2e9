using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Activation;

public sealed class CallTests
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task GetGrain_refuses_empty_and_oversized_keys_with_a_clear_error()
    {
        await using var silo = await TestSilo.StartAsync();
        var empty = Assert.Throws<ArgumentException>(() => silo.GrainFactory.GetGrain<ISchedulingGrain>(""));
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
        var tooLong = Assert.Throws<ArgumentException>(() => silo.GrainFactory.GetGrain<ISchedulingGrain>(new string('é', 257)));
        Assert.Contains("512 bytes", tooLong.Message, StringComparison.Ordinal);
        Assert.NotNull(silo.GrainFactory.GetGrain<ISchedulingGrain>(new string('k', 512)));
    }

    [Fact]
    public async Task GetGrain_does_no_work_until_the_first_call()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewKey();
        _ = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        Assert.Equal(0, silo.Catalog.Count);
        Assert.Empty(Probe.For(key).Events);
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_with_its_type_and_message_and_the_grain_stays_usable()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ISchedulingGrain>(NewKey());

        var sync = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowSync("sync boom"));
        Assert.Equal("sync boom", sync.Message);
        var async = await Assert.ThrowsAsync<ArgumentException>(() => grain.ThrowAsync("async boom"));
        Assert.Equal("async boom", async.Message);

        await grain.Record(7);
        Assert.Equal([7, 7], await grain.Recorded());
    }

    [Fact]
    public async Task Request_context_flows_to_the_callee_and_on_but_never_back()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ISchedulingGrain>(NewKey());

        RequestContext.Set("user", "alice");
        try
        {
            Assert.Equal("alice", await grain.WhoCalls());
            Assert.Equal("alice", await grain.WhoCallsVia(NewKey()));
            Assert.Equal("changed-by-callee", await grain.SetContextAndRead());
            Assert.Equal("alice", RequestContext.Get("user"));
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.Equal("<none>", await grain.WhoCalls());
    }

    [Fact]
    public async Task Mutable_arguments_are_copied_so_the_callee_cannot_change_the_callers_object()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ISchedulingGrain>(NewKey());
        var items = new List<int> { 1, 2, 3 };

        Assert.Equal(4, await grain.CountItems(items));
        Assert.Equal([1, 2, 3], items);
    }

    [Fact]
    public async Task Grain_references_to_the_same_id_are_equal()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewKey();
        var a = silo.GrainFactory.GetGrain<ISchedulingGrain>(key);
        var b = silo.GrainFactory.GetGrain<ISchedulingGrain>(key);
        Assert.Equal(a, b);
        Assert.NotEqual(a, silo.GrainFactory.GetGrain<ISchedulingGrain>(NewKey()));
    }
}
