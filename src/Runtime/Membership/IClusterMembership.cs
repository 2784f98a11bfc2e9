namespace OrleansChat.Runtime.Membership;

/// <summary>
/// This silo's view of cluster membership, as placement, the directory and the cluster client
/// consume it. Views are immutable; a newer view replaces the old one whenever the table's
/// version moves. Consumers that only need the latest state may see intermediate views coalesced.
/// </summary>
public interface IClusterMembership
{
    /// <summary>This silo's address, including the generation assigned at start.</summary>
    SiloAddress LocalAddress { get; }

    /// <summary>The latest view (never null; <see cref="MembershipView.Empty"/> before the first read).</summary>
    MembershipView CurrentView { get; }

    /// <summary>
    /// Raised after <see cref="CurrentView"/> changes, in version order, on the thread that read
    /// the table. Handlers must be quick and must not block; exceptions they throw are logged.
    /// </summary>
    event Action<MembershipView>? ViewChanged;

    /// <summary>The current view, then each newer one, until cancelled.</summary>
    IAsyncEnumerable<MembershipView> WatchAsync(CancellationToken cancellationToken = default);

    /// <summary>Completes with the first view (current or future) that satisfies <paramref name="predicate"/>.</summary>
    Task<MembershipView> WaitForViewAsync(Func<MembershipView, bool> predicate, CancellationToken cancellationToken = default);
}
