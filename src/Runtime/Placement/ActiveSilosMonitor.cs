using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Placement;

/// <summary>Raises <see cref="ActiveSilosChanged"/> when a new placement view has other silos than the last (a new version alone is no change).</summary>
internal sealed class ActiveSilosMonitor : IActiveSilosMonitor
{
    private readonly Lock _lock = new();
    private SiloAddress[] _last;

    public ActiveSilosMonitor(PlacementDirector placement)
    {
        _last = [.. placement.Current.Silos];
        placement.Changed += OnChanged;
    }

    public event Action? ActiveSilosChanged;

    private void OnChanged(PlacementView view)
    {
        lock (_lock)
        {
            if (view.Silos.AsSpan().SequenceEqual(_last))
            {
                return;
            }

            _last = [.. view.Silos];
        }

        ActiveSilosChanged?.Invoke();
    }
}
