using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OrleansChat.Runtime.Observers;

/// <summary>The objects this process exposes as observers, by observer grain id.</summary>
internal sealed class ObserverRegistry(LocalHost host)
{
    private readonly ConcurrentDictionary<GrainId, IGrainObserver> _observers = new();
    private readonly ConditionalWeakTable<IGrainObserver, StrongBox<GrainId>> _ids = new();

    public string HostId => host.Id;

    /// <summary>The id of <paramref name="observer"/>, registering it on first use.</summary>
    public GrainId Register(IGrainObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var box = _ids.GetValue(observer, _ => new StrongBox<GrainId>(ObserverId.Create(host.Id)));
        _observers[box.Value] = observer;
        return box.Value;
    }

    public bool Unregister(IGrainObserver observer) =>
        _ids.TryGetValue(observer, out var box) && _observers.TryRemove(box.Value, out _);

    public bool IsLocal(GrainId observerId) => string.Equals(ObserverId.HostOf(observerId), host.Id, StringComparison.Ordinal);

    public IGrainObserver? Find(GrainId observerId) => _observers.GetValueOrDefault(observerId);
}
