namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Chooses whom a silo monitors: its next <c>count</c> successors in the ring of running silos
/// sorted by address. Every silo computes the same ring from the same view, so each silo is
/// watched by its <c>count</c> predecessors, and the monitors of a silo are spread over the
/// cluster rather than all being the same few nodes.
/// </summary>
/// <remarks>
/// The ring holds Joining, ShuttingDown and Stopping silos as well as Active ones: they are
/// running processes that answer probes, and a silo that crashes while joining or leaving must
/// still be declared dead rather than linger in the table.
/// </remarks>
internal static class ProbeTargetSelector
{
    public static IReadOnlyList<ProbeTarget> Select(MembershipView view, SiloAddress self, int count)
    {
        var ring = view.Members.Where(m => m.IsRunning || m.Address == self).Select(m => m.Address).ToList();
        if (!ring.Contains(self))
        {
            ring.Add(self);
        }

        ring.Sort();
        var me = ring.IndexOf(self);
        var targets = new List<ProbeTarget>(Math.Min(count, ring.Count - 1));
        for (var step = 1; step < ring.Count && targets.Count < count; step++)
        {
            var silo = ring[(me + step) % ring.Count];
            var entry = view.Find(silo)!;
            targets.Add(new ProbeTarget(silo, entry.ProbePort));
        }

        return targets;
    }
}
