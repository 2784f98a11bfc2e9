using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Membership;

internal sealed partial class MembershipService
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "Membership starting: cluster {ClusterId}, silo {Host}:{Port}, probe every {ProbeMs} ms, suspect after {Misses} misses, {Probed} probed silos, {Votes} votes to declare dead, table refresh {RefreshMs} ms, I-am-alive {IAmAliveMs} ms")]
    private static partial void LogStarting(ILogger logger, string clusterId, string host, int port, double probeMs, int misses, int probed, int votes, double refreshMs, double iAmAliveMs);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Silo {Silo} wrote its row as Joining; answering probes on UDP port {ProbePort}")]
    private static partial void LogJoining(ILogger logger, SiloAddress silo, int probePort);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Silo {Silo} is Active at membership version {Version} with {ActiveCount} active silos")]
    private static partial void LogJoined(ILogger logger, SiloAddress silo, long version, int activeCount);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Declaring {Previous} Dead: {Silo} is its restart on the same endpoint")]
    private static partial void LogReplacingOlderGeneration(ILogger logger, SiloAddress previous, SiloAddress silo);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Active silo {Silo} answered none of {Rounds} probe rounds while this silo joined; suspecting it")]
    private static partial void LogJoinProbeFailed(ILogger logger, SiloAddress silo, int rounds);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "Silo {Silo} failed to join the cluster")]
    private static partial void LogJoinFailed(ILogger logger, SiloAddress silo, Exception exception);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Silo {Silo} left the cluster (ShuttingDown, then Dead)")]
    private static partial void LogLeft(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Error, Message = "Silo {Silo} could not leave the cluster gracefully; the others will vote it out")]
    private static partial void LogLeaveFailed(ILogger logger, SiloAddress silo, Exception exception);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Debug, Message = "Membership view v{Version}: {ActiveCount} active of {MemberCount} rows")]
    private static partial void LogViewChanged(ILogger logger, long version, int activeCount, int memberCount);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Error, Message = "A membership view handler threw")]
    private static partial void LogViewHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Membership table unreachable during {Operation}: {Reason}; keeping the last view and retrying next period")]
    private static partial void LogTableUnreachable(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Debug, Message = "Membership change '{Operation}' lost the compare-and-swap at version {Version} (attempt {Attempt}); re-reading")]
    private static partial void LogCasLost(ILogger logger, string operation, long version, int attempt);

    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "Voted silo {Silo} dead ({Votes} of {Required} votes)")]
    private static partial void LogVoted(ILogger logger, SiloAddress silo, int votes, int required);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Declared silo {Silo} Dead ({Votes} of {Required} votes)")]
    private static partial void LogDeclaredPeerDead(ILogger logger, SiloAddress silo, int votes, int required);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Warning, Message = "Could not vote against silo {Silo}")]
    private static partial void LogVoteFailed(ILogger logger, SiloAddress silo, Exception exception);

    [LoggerMessage(EventId = 2130, Level = LogLevel.Critical, Message = "Silo {Silo} was declared dead by the cluster ({Reason}, membership version {Version}); stopping")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress silo, string reason, long version);

    [LoggerMessage(EventId = 2133, Level = LogLevel.Critical, Message = "Silo {Silo} has reached neither the membership table for {TableSeconds:0.#} s nor any probed peer for {PeerSeconds:0.#} s; presuming it was declared dead, it is stopping")]
    private static partial void LogIsolated(ILogger logger, SiloAddress silo, double tableSeconds, double peerSeconds);

    [LoggerMessage(EventId = 2131, Level = LogLevel.Error, Message = "The declared-dead callback threw")]
    private static partial void LogDeclaredDeadCallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2132, Level = LogLevel.Information, Message = "Deleted {Count} defunct silo rows (Dead, silent for more than {Age})")]
    private static partial void LogDefunctDeleted(ILogger logger, int count, TimeSpan age);
}
