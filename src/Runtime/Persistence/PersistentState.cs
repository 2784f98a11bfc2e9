using OrleansChat.Runtime.Activation;

namespace OrleansChat.Runtime;

/// <summary>
/// The persistent-state facet behind <see cref="IPersistentState{TState}"/>: reads itself before
/// the grain's OnActivateAsync and delegates writes to its storage provider, which guards every
/// write with the ETag. Nothing is retried automatically.
/// </summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IGrainState<TState>, IActivationFacet
{
    private readonly string _stateName;
    private readonly string _storageName;
    private readonly GrainId _grainId;
    private readonly IGrainStorage _storage;

    public PersistentState(string stateName, string storageName, GrainId grainId, IGrainStorage storage)
    {
        _stateName = stateName;
        _storageName = storageName;
        _grainId = grainId;
        _storage = storage;
        State = CreateDefault();
    }

    public TState State { get; set; }

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    string? IGrainState<TState>.ETag
    {
        get => Etag;
        set => Etag = value;
    }

    bool IGrainState<TState>.RecordExists
    {
        get => RecordExists;
        set => RecordExists = value;
    }

    public Task OnActivateAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        // Storage leaves State alone when nothing is stored, so start from a fresh default.
        State = CreateDefault();
        await _storage.ReadStateAsync(_stateName, _grainId, this, cancellationToken);
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        _storage.WriteStateAsync(_stateName, _grainId, this, cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await _storage.ClearStateAsync(_stateName, _grainId, this, cancellationToken);
        State = CreateDefault();
    }

    public override string ToString() => $"{_grainId} state '{_stateName}' in '{_storageName}'";

    private static TState CreateDefault() => typeof(TState).IsValueType ? default! : Activator.CreateInstance<TState>();
}
