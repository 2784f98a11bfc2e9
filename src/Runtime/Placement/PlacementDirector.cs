namespace OrleansChat.Runtime.Placement;

/// <summary>
/// Holds the current placement view. A silo feeds it from its membership service, a client from
/// the membership table; both compute owners the same way. Waiters can await a newer view.
/// </summary>
internal sealed class PlacementDirector
{
    private readonly object _lock = new();
    private PlacementView _current = PlacementView.Empty;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PlacementView Current => Volatile.Read(ref _current);

    /// <summary>Raised after the view changed.</summary>
    public event Action<PlacementView>? Changed;

    /// <summary>Completes at the next change.</summary>
    public Task NextChange
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    public void Update(PlacementView view)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (view.Version < _current.Version || (view.Version == _current.Version && view.Silos.SequenceEqual(_current.Silos)))
            {
                return;
            }

            Volatile.Write(ref _current, view);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        Changed?.Invoke(view);
    }
}
