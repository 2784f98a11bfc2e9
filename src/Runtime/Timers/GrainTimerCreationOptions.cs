namespace OrleansChat.Runtime;

/// <summary>Options for <see cref="Grain.RegisterGrainTimer{TState}"/> (Orleans 8.2+ shape).</summary>
public readonly record struct GrainTimerCreationOptions
{
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
    }

    /// <summary>Delay before the first tick; <see cref="Timeout.InfiniteTimeSpan"/> never ticks.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>Delay between the end of one tick and the start of the next (ticks never overlap); infinite for one tick.</summary>
    public TimeSpan Period { get; init; }

    /// <summary>Let ticks interleave with requests instead of waiting their turn.</summary>
    public bool Interleave { get; init; }

    /// <summary>Count ticks as activity, keeping the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
