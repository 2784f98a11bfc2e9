namespace OrleansChat.Runtime;

/// <summary>What a grain instance needs from the activation that hosts it.</summary>
internal interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    IServiceProvider Services { get; }

    void DeactivateOnIdle();

    IGrainTimer RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options);
}
