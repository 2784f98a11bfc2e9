using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Cluster;

namespace OrleansChat.Gateway.Hubs;

/// <summary>
/// The hub connections this gateway holds, by connection, session and user: for per-user rate
/// limits, for closing a revoked session's connections, for presence, and for relaying a user's
/// own events (notifications, presence) to their connections.
/// </summary>
internal sealed class HubConnections(IOptions<ChatHubOptions> options, TimeProvider timeProvider)
{
    private readonly ChatHubOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, HubConnection> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserEntry> _byUser = new(StringComparer.Ordinal);
    private readonly Lock _userLock = new();

    public int Count => _byId.Count;

    public IEnumerable<HubConnection> All => _byId.Values;

    public HubConnection Add(HubConnectionContext context, ChatIdentity identity)
    {
        var now = timeProvider.GetTimestamp();
        var connection = new HubConnection(
            context, identity, TokenExpiry(context), new TokenBucket(_options.ConnectionPermitsPerSecond, _options.ConnectionBurst, now));
        _byId[context.ConnectionId] = connection;
        lock (_userLock)
        {
            var user = _byUser.GetOrAdd(identity.UserId, _ => new UserEntry(new TokenBucket(_options.UserPermitsPerSecond, _options.UserBurst, now)));
            user.Connections.Add(connection);
        }

        return connection;
    }

    public HubConnection? Find(string connectionId) => _byId.GetValueOrDefault(connectionId);

    public HubConnection? Remove(string connectionId)
    {
        if (!_byId.TryRemove(connectionId, out var connection))
        {
            return null;
        }

        lock (_userLock)
        {
            if (_byUser.TryGetValue(connection.Identity.UserId, out var user) && user.Connections.Remove(connection) && user.Connections.Count == 0)
            {
                _byUser.TryRemove(connection.Identity.UserId, out _);
            }
        }

        return connection;
    }

    /// <summary>The per-user bucket shared by the user's connections on this gateway.</summary>
    public TokenBucket? UserBucket(string userId) => _byUser.GetValueOrDefault(userId)?.Bucket;

    /// <summary>A snapshot of the user's connections on this gateway.</summary>
    public HubConnection[] OfUser(string userId)
    {
        lock (_userLock)
        {
            return _byUser.TryGetValue(userId, out var user) ? [.. user.Connections] : [];
        }
    }

    public IEnumerable<HubConnection> OfSession(Guid sessionId) => _byId.Values.Where(c => c.Identity.SessionId == sessionId);

    private static DateTimeOffset? TokenExpiry(HubConnectionContext context) =>
        long.TryParse(context.User?.FindFirst("exp")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private sealed class UserEntry(TokenBucket bucket)
    {
        public TokenBucket Bucket { get; } = bucket;

        /// <summary>Guarded by the registry's user lock; a user has a handful of connections at most.</summary>
        public List<HubConnection> Connections { get; } = new(1);
    }
}
