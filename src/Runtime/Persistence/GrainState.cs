namespace OrleansChat.Runtime;

/// <summary>A plain <see cref="IGrainState{TState}"/>.</summary>
public sealed class GrainState<TState> : IGrainState<TState>
{
    public GrainState(TState state)
    {
        State = state;
    }

    public TState State { get; set; }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
