namespace OrleansChat.Runtime.Membership;

/// <summary>
/// One silo's vote that another is dead. <see cref="Time"/> is the database's clock at the
/// moment of the vote, so freshness never depends on the voters' clocks (Orleans #7505).
/// </summary>
public readonly record struct SuspectVote(SiloAddress Voter, DateTimeOffset Time);
