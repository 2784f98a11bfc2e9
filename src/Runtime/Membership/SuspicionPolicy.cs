namespace OrleansChat.Runtime.Membership;

/// <summary>How many votes declare a silo dead, and which votes still count.</summary>
internal static class SuspicionPolicy
{
    /// <summary>
    /// A silo whose I-am-alive is older than this many publish periods is "stale": it is not
    /// counted as a potential voter, so a cluster that lost several silos at once can still
    /// reach the vote count with the survivors (the dead cannot vote).
    /// </summary>
    public const int StaleAfterMissedHeartbeats = 3;

    /// <summary>Voters (other than <paramref name="voter"/>) whose vote against <paramref name="suspect"/> is younger than <paramref name="expiration"/> on the database clock.</summary>
    public static int FreshVotesFromOthers(MembershipEntry suspect, SiloAddress voter, DateTimeOffset databaseNow, TimeSpan expiration) =>
        suspect.SuspectVotes
            .Where(v => v.Voter != voter && databaseNow - v.Time < expiration)
            .Select(v => v.Voter)
            .Distinct()
            .Count();

    /// <summary>
    /// Votes needed to declare <paramref name="suspect"/> dead: the configured number, but no more
    /// than the live Active silos other than the suspect (the voter always counts as live), and
    /// at least one. In a two-silo cluster, one vote is enough.
    /// </summary>
    public static int RequiredVotes(MembershipView view, SiloAddress suspect, SiloAddress voter, DateTimeOffset databaseNow, MembershipOptions options)
    {
        var staleAfter = options.IAmAliveTablePublishTimeout * StaleAfterMissedHeartbeats;
        var possibleVoters = view.Members.Count(m =>
            m.Status == SiloStatus.Active
            && m.Address != suspect
            && (m.Address == voter || databaseNow - m.IAmAliveTime < staleAfter));
        return Math.Max(1, Math.Min(options.NumVotesForDeathDeclaration, possibleVoters));
    }
}
