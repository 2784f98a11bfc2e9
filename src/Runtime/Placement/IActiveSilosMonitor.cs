namespace OrleansChat.Runtime.Placement;

/// <summary>
/// Tells a host when the set of Active silos it places grains on changes (a silo joined, started
/// shutting down, or died). Grains then move to new owners and lose their in-memory state, such
/// as observer subscriptions: a client holding subscriptions renews them at once instead of
/// waiting for its next periodic renewal.
/// </summary>
public interface IActiveSilosMonitor
{
    /// <summary>Raised after the set changed, on the thread that applied the new view; keep handlers short.</summary>
    event Action? ActiveSilosChanged;
}
