namespace OrleansChat.Runtime;

/// <summary>A grain's view of one piece of persistent state.</summary>
public interface IStorage<TState>
{
    /// <summary>The state; a new default instance when nothing is stored.</summary>
    TState State { get; set; }

    /// <summary>The stored version this activation last read or wrote; null when never stored.</summary>
    string? Etag { get; }

    /// <summary>True when a record exists in storage.</summary>
    bool RecordExists { get; }

    /// <summary>Re-reads the state from storage, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state, conditional on <see cref="Etag"/>; a stale Etag throws <see cref="InconsistentStateException"/>.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the stored state (deletes or resets per storage configuration), conditional on <see cref="Etag"/>.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Persistent state injected into a grain's constructor with <see cref="PersistentStateAttribute"/>.</summary>
public interface IPersistentState<TState> : IStorage<TState>;
