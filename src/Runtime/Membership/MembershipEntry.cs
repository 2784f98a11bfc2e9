using System.Collections.Immutable;

namespace OrleansChat.Runtime.Membership;

/// <summary>One silo incarnation as read from the membership table.</summary>
/// <param name="Address">Endpoint and generation.</param>
/// <param name="Status">Membership status.</param>
/// <param name="SiloName">Human-readable name (pod or machine name).</param>
/// <param name="ProbePort">UDP port on <see cref="SiloAddress.Host"/> that answers liveness probes.</param>
/// <param name="StartTime">When the incarnation wrote its row.</param>
/// <param name="IAmAliveTime">Last heartbeat written by the silo (database clock).</param>
/// <param name="SuspectVotes">Votes that this silo is dead, oldest first, including expired ones not yet pruned.</param>
public sealed record MembershipEntry(
    SiloAddress Address,
    SiloStatus Status,
    string SiloName,
    int ProbePort,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    ImmutableArray<SuspectVote> SuspectVotes)
{
    /// <summary>True while the process may be running: every status except <see cref="SiloStatus.Dead"/> and <see cref="SiloStatus.Created"/>.</summary>
    public bool IsRunning => Status is SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping;
}
