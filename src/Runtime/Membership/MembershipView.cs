using System.Collections.Immutable;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// An immutable snapshot of a cluster's membership table at one table version. Every
/// membership change bumps the version, so two views with the same version have the same
/// statuses and votes (heartbeat times may differ: they do not bump the version).
/// </summary>
public sealed class MembershipView
{
    /// <summary>The view before anything was read: version 0, no members.</summary>
    public static MembershipView Empty { get; } = new(0, []);

    /// <summary>Creates a view; members are sorted by address.</summary>
    public MembershipView(long version, IEnumerable<MembershipEntry> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Version = version;
        Members = [.. members.OrderBy(m => m.Address)];
        ActiveSilos = [.. Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Address)];
    }

    /// <summary>The table version this view was read at.</summary>
    public long Version { get; }

    /// <summary>All rows of the cluster, Dead ones included until defunct cleanup deletes them, sorted by address.</summary>
    public ImmutableArray<MembershipEntry> Members { get; }

    /// <summary>Addresses of the <see cref="SiloStatus.Active"/> silos, sorted: the set placement and clients use.</summary>
    public ImmutableArray<SiloAddress> ActiveSilos { get; }

    /// <summary>The row of <paramref name="silo"/> (exact generation), or null.</summary>
    public MembershipEntry? Find(SiloAddress silo)
    {
        foreach (var member in Members)
        {
            if (member.Address == silo)
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>Status of <paramref name="silo"/>, or null when the view has no row for it.</summary>
    public SiloStatus? GetStatus(SiloAddress silo) => Find(silo)?.Status;

    /// <summary>
    /// True when both views list the same rows with the same statuses, names, probe ports and
    /// votes. Heartbeat times are ignored: they change every few seconds and do not bump the version.
    /// </summary>
    internal bool HasSameMembershipAs(MembershipView other)
    {
        if (Members.Length != other.Members.Length)
        {
            return false;
        }

        for (var i = 0; i < Members.Length; i++)
        {
            var (a, b) = (Members[i], other.Members[i]);
            if (a.Address != b.Address || a.Status != b.Status || a.SiloName != b.SiloName || a.ProbePort != b.ProbePort
                || !a.SuspectVotes.SequenceEqual(b.SuspectVotes))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() =>
        $"v{Version} [{string.Join(", ", Members.Select(m => $"{m.Address}={m.Status}"))}]";
}
