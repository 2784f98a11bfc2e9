namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Settings of PostgreSQL cluster membership. Validated when the host starts
/// (<see cref="MembershipOptionsValidator"/>).
/// </summary>
/// <remarks>
/// The defaults are faster than Orleans' (probe 5 s, table refresh 60 s) so that a crashed
/// silo is declared Dead, and seen Dead by everyone, within 10 s:
/// <list type="bullet">
/// <item>Each monitor sends one probe per <see cref="ProbeTimeout"/> (1 s) and suspects after
/// <see cref="NumMissedProbesLimit"/> (3) consecutive misses. A crash just after an answered
/// probe costs at most one extra round: first vote after 3-4 s.</item>
/// <item>The second of <see cref="NumVotesForDeathDeclaration"/> (2) monitors runs its rounds out
/// of phase by less than one round: second vote, and the Dead write, after at most 5 s.</item>
/// <item>Every other silo re-reads the table every <see cref="TableRefreshTimeout"/> (2 s): all
/// views show the silo Dead after at most 7 s, leaving 3 s for database latency and CAS retries.</item>
/// </list>
/// A process stalled longer than ProbeTimeout x NumMissedProbesLimit (3 s) cannot answer and will
/// be declared dead; probes are answered on a dedicated thread, so thread-pool starvation does not
/// count, but a stop-the-world pause does. Raise <see cref="ProbeTimeout"/> for very large heaps.
/// </remarks>
public sealed class MembershipOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Membership";

    /// <summary>Cluster id; rows of other clusters in the same tables are ignored. Required, at most 255 UTF-8 bytes.</summary>
    public string ClusterId { get; set; } = "";

    /// <summary>
    /// Host and port this silo is reached at. A <see cref="SiloAddress.Generation"/> of 0 (the
    /// usual case) means "assign at start from the clock"; a non-zero generation is used as given
    /// and must be newer than every row of the same endpoint.
    /// </summary>
    public SiloAddress LocalSiloAddress { get; set; }

    /// <summary>Human-readable name stored in the row; defaults to the machine (pod) name.</summary>
    public string? SiloName { get; set; }

    /// <summary>
    /// UDP port of this silo's probe responder, on <see cref="SiloAddress.Host"/>. Null (default)
    /// uses the silo's own port number (UDP and TCP ports do not clash); 0 lets the OS choose a
    /// free port. The port in use is written to the table, so peers always know where to probe.
    /// </summary>
    public int? ProbePort { get; set; }

    /// <summary>Probe period, and how long a probe may take to be answered (Orleans: 5 s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive missed probes after which a monitor votes the peer dead (Orleans: 3).</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>How many ring successors each silo probes (Orleans: 10).</summary>
    public int NumProbedSilos { get; set; } = 3;

    /// <summary>Fresh votes needed to declare a silo dead, capped by the number of other live Active silos (Orleans: 2).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>Votes older than this (database clock) no longer count (Orleans: 2 min).</summary>
    public TimeSpan DeathVoteExpiration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the silo writes its I-am-alive time (Orleans: 30 s).</summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the whole table is re-read (Orleans: 60 s, plus gossip).</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Limit for one table operation; a slower database counts as unreachable for that attempt.</summary>
    public TimeSpan TableOperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Dead rows whose last I-am-alive is older than this are deleted (Orleans: 7 days).</summary>
    public TimeSpan DefunctSiloCleanupAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often defunct rows are looked for (Orleans: 1 h).</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A silo that for this long has reached neither the membership table nor any silo it probes
    /// stops itself as if declared dead. Cut off like that it cannot read its own row, yet any
    /// peer that still reaches the table has voted it Dead by then and moved its grains. A silo
    /// that still reaches the table, or any peer, never stops for this reason (a database outage
    /// alone keeps the cluster serving). Must be longer than ProbeTimeout x (NumMissedProbesLimit + 1),
    /// the time the peers need to suspect it. Null (default): five times that, 20 s with the defaults.
    /// </summary>
    public TimeSpan? IsolationTimeout { get; set; }

    /// <summary>How many ProbeTimeout x (NumMissedProbesLimit + 1) periods the default <see cref="IsolationTimeout"/> is.</summary>
    internal const int DefaultIsolationFactor = 5;

    /// <summary><see cref="IsolationTimeout"/>, or its default derived from the probe settings.</summary>
    internal TimeSpan EffectiveIsolationTimeout => IsolationTimeout ?? ProbeTimeout * ((NumMissedProbesLimit + 1) * DefaultIsolationFactor);

    /// <summary>How many times a lost compare-and-swap is re-read and retried before the change fails.</summary>
    public int MaxCasAttempts { get; set; } = 20;

    /// <summary>
    /// Called once when this silo reads its own row as Dead (or deleted), or has been isolated for
    /// <see cref="IsolationTimeout"/>: the cluster has declared it dead (or must be presumed to)
    /// and placed its grains elsewhere, so it must stop at once. Null (default) logs a critical
    /// message and calls <see cref="Environment.FailFast(string)"/>.
    /// </summary>
    public Action? OnDeclaredDead { get; set; }
}
