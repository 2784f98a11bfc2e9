using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Validation;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>
/// Presence from live connections: each gateway node reports how many of this user's connections
/// it holds (active and idle), as a lease that expires unless renewed, so a node that dies takes
/// its connections with it. Online if any connection is active, away if all are idle.
/// </summary>
internal sealed partial class UserGrain
{
    private const int MaxConnectionsPerNode = 100_000;
    private readonly Dictionary<string, NodePresence> _nodes = new(StringComparer.Ordinal);
    private PresenceStatus _presence = PresenceStatus.Offline;
    private IGrainTimer? _presenceTimer;

    public Task<PresenceStatus> ReportPresence(string nodeId, int activeConnections, int idleConnections) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        var node = IdRules.RequireId(nodeId, "node");
        if (activeConnections is < 0 or > MaxConnectionsPerNode || idleConnections is < 0 or > MaxConnectionsPerNode)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidArgument, $"Connection counts must be 0-{MaxConnectionsPerNode}.");
        }

        await RequireProfileAsync();
        var now = _timeProvider.GetUtcNow();
        if (activeConnections == 0 && idleConnections == 0)
        {
            _nodes.Remove(node);
        }
        else
        {
            _nodes[node] = new NodePresence(activeConnections, idleConnections, now + _options.PresenceLeaseLifetime);
        }

        UpdatePresence(now);
        return _presence;
    });

    private PresenceStatus CurrentPresence()
    {
        UpdatePresence(_timeProvider.GetUtcNow());
        return _presence;
    }

    /// <summary>Drops expired leases, recomputes presence, publishes a change, and arms the timer for the next expiry.</summary>
    private void UpdatePresence(DateTimeOffset now)
    {
        foreach (var (node, lease) in _nodes)
        {
            if (lease.ExpiresAt <= now)
            {
                _nodes.Remove(node);
            }
        }

        var presence = _nodes.Values.Any(n => n.Active > 0) ? PresenceStatus.Online
            : _nodes.Count > 0 ? PresenceStatus.Away
            : PresenceStatus.Offline;
        if (presence != _presence)
        {
            _presence = presence;
            PublishPresence();
        }

        if (_nodes.Count > 0)
        {
            var due = _nodes.Values.Min(n => n.ExpiresAt) - now;
            _presenceTimer ??= RegisterGrainTimer(_ => { UpdatePresence(_timeProvider.GetUtcNow()); return Task.CompletedTask; }, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _presenceTimer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _presenceTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Tells this user's observers and every friend's grain (which tells theirs).</summary>
    private void PublishPresence()
    {
        var e = new PresenceChangedEvent(_userId, _presence, _profile?.CustomStatus, _timeProvider.GetUtcNow());
        _observers.Publish(e, static (o, x) => o.OnPresenceChanged(x));
        _ = RelayPresenceAsync(e);
    }

    private async Task RelayPresenceAsync(PresenceChangedEvent e)
    {
        try
        {
            foreach (var friend in await _relationships.FriendIdsAsync(_userId))
            {
                Relay(friend, relay => relay.FriendPresenceChanged(e));
            }
        }
        catch (Exception ex)
        {
            LogRelayFailed(_logger, ex, _userId, "friends");
        }
    }

    private readonly record struct NodePresence(int Active, int Idle, DateTimeOffset ExpiresAt);
}
