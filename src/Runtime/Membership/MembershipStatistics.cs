namespace OrleansChat.Runtime.Membership;

/// <summary>Counters of what the membership protocol did; read by tests and diagnostics.</summary>
internal sealed class MembershipStatistics
{
    private long _probeRounds;
    private long _missedProbes;
    private long _missesExcusedByTraffic;
    private long _roundsDiscardedForLocalStall;
    private long _votesCast;
    private long _failedVoteAttempts;
    private long _failedTableReads;

    public long ProbeRounds => Interlocked.Read(ref _probeRounds);

    public long MissedProbes => Interlocked.Read(ref _missedProbes);

    public long MissesExcusedByTraffic => Interlocked.Read(ref _missesExcusedByTraffic);

    public long RoundsDiscardedForLocalStall => Interlocked.Read(ref _roundsDiscardedForLocalStall);

    /// <summary>Votes (including death declarations) written to the table.</summary>
    public long VotesCast => Interlocked.Read(ref _votesCast);

    /// <summary>Attempts to vote that failed because the table could not be reached.</summary>
    public long FailedVoteAttempts => Interlocked.Read(ref _failedVoteAttempts);

    /// <summary>Periodic table reads that failed.</summary>
    public long FailedTableReads => Interlocked.Read(ref _failedTableReads);

    internal void ProbeRoundCompleted() => Interlocked.Increment(ref _probeRounds);

    internal void ProbeMissed() => Interlocked.Increment(ref _missedProbes);

    internal void MissExcusedByTraffic() => Interlocked.Increment(ref _missesExcusedByTraffic);

    internal void RoundDiscardedForLocalStall() => Interlocked.Increment(ref _roundsDiscardedForLocalStall);

    internal void VoteCast() => Interlocked.Increment(ref _votesCast);

    internal void VoteAttemptFailed() => Interlocked.Increment(ref _failedVoteAttempts);

    internal void TableReadFailed() => Interlocked.Increment(ref _failedTableReads);
}
