namespace OrleansChat.Runtime.Tests.Activation;

public sealed class SchedulingGrain : Grain, ISchedulingGrain
{
    private readonly List<int> _recorded = [];

    private Probe Probe => Probe.For(GetPrimaryKeyString());

    public async Task Record(int id)
    {
        _recorded.Add(id);
        await Task.Yield();
        _recorded.Add(id);
    }

    public Task<IReadOnlyList<int>> Recorded() => Task.FromResult<IReadOnlyList<int>>([.. _recorded]);

    public async Task Hold(string gate)
    {
        Probe.Enter();
        try
        {
            await Probe.Gate(gate);
        }
        finally
        {
            Probe.Exit();
        }
    }

    public Task HoldReadOnly(string gate) => Hold(gate);

    public Task<int> Inside() => Task.FromResult(Probe.Inside);

    public Task<string> WhoCalls() => Task.FromResult(RequestContext.Get("user") ?? "<none>");

    public async Task<string> WhoCallsVia(string otherKey)
    {
        await Task.Yield();
        return await GrainFactory.GetGrain<ISchedulingGrain>(otherKey).WhoCalls();
    }

    public Task<string> SetContextAndRead()
    {
        RequestContext.Set("user", "changed-by-callee");
        return Task.FromResult(RequestContext.Get("user")!);
    }

    public Task<int> ThrowSync(string message) => throw new InvalidOperationException(message);

    public async Task<int> ThrowAsync(string message)
    {
        await Task.Yield();
        throw new ArgumentException(message);
    }

    public Task<int> CountItems(List<int> items)
    {
        // Mutates its copy; the caller's list must not change.
        items.Add(-1);
        return Task.FromResult(items.Count);
    }
}

[Reentrant]
public sealed class ReentrantGrain : Grain, IReentrantGrain
{
    public async Task Hold(string gate)
    {
        var probe = Probe.For(GetPrimaryKeyString());
        probe.Enter();
        try
        {
            await probe.Gate(gate);
        }
        finally
        {
            probe.Exit();
        }
    }
}

public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    private static int _activations;
    private int _number;
    private int _ticks;

    private Probe Probe => Probe.For(GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (GetPrimaryKeyString().StartsWith("fail", StringComparison.Ordinal))
        {
            // Held until the test has queued its calls, so all of them meet this one failed activation.
            await Probe.Gate("fail-activation");
            Probe.Events.Enqueue("activate-failed");
            throw new InvalidOperationException("activation refused for test");
        }

        _number = Interlocked.Increment(ref _activations);
        Probe.Events.Enqueue("activate");
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Events.Enqueue($"deactivate:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task<int> ActivationNumber()
    {
        Probe.Events.Enqueue("call");
        return Task.FromResult(_number);
    }

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task StartTimer(TimeSpan dueTime, TimeSpan period, bool keepAlive)
    {
        RegisterGrainTimer(
            static async (self, ct) =>
            {
                var probe = Probe.For(self.GetPrimaryKeyString());
                probe.Enter();
                Interlocked.Increment(ref self._ticks);
                probe.Events.Enqueue("tick");
                try
                {
                    await probe.Gate($"tick-{Volatile.Read(ref self._ticks)}");
                }
                finally
                {
                    probe.Exit();
                }
            },
            this,
            new GrainTimerCreationOptions(dueTime, period) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(Volatile.Read(ref _ticks));
}
