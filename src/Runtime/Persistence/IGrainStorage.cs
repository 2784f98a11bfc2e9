namespace OrleansChat.Runtime;

/// <summary>
/// A storage provider (Orleans' IGrainStorage). Writes and clears are conditional on the ETag the
/// caller holds; a mismatch throws <see cref="InconsistentStateException"/> and changes nothing.
/// Providers are registered as keyed services under their storage name.
/// </summary>
public interface IGrainStorage
{
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);
}
