namespace OrleansChat.Runtime.Tests.Activation;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public string? LastWriter { get; set; }
}

public interface IPersistentCounterGrain : IGrainWithStringKey
{
    /// <summary>The count the state held when OnActivateAsync ran.</summary>
    Task<int> CountSeenOnActivate();

    Task<int> Increment(string writer);

    Task<CounterState> Read();

    Task Leave();
}

public sealed class PersistentCounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, IPersistentCounterGrain
{
    private int _countOnActivate;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _countOnActivate = state.State.Count;
        return Task.CompletedTask;
    }

    public Task<int> CountSeenOnActivate() => Task.FromResult(_countOnActivate);

    public async Task<int> Increment(string writer)
    {
        state.State.Count++;
        state.State.LastWriter = writer;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<CounterState> Read() => Task.FromResult(state.State);

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
