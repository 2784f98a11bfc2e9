namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Status of one silo incarnation in the membership table. Values are stored as numbers and
/// match Orleans' <c>SiloStatus</c>. A status only moves forward; <see cref="Dead"/> is final.
/// </summary>
public enum SiloStatus : short
{
    /// <summary>Not yet written to the table (kept for parity with Orleans; never stored by this runtime).</summary>
    Created = 1,

    /// <summary>Row written; the silo is checking connectivity to the active silos.</summary>
    Joining = 2,

    /// <summary>Member of the cluster: probed, counted for votes, eligible for placement.</summary>
    Active = 3,

    /// <summary>Leaving gracefully: still answers probes, takes no new placements.</summary>
    ShuttingDown = 4,

    /// <summary>Stopping without a full graceful shutdown (parity with Orleans).</summary>
    Stopping = 5,

    /// <summary>Gone for good. A restart is a new generation, never this row again.</summary>
    Dead = 6,
}
