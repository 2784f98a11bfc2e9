using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Gateway.Cluster;

namespace OrleansChat.Gateway.Hubs;

/// <summary>What the gateway keeps about one hub connection.</summary>
internal sealed class HubConnection(HubCallerContext context, ChatIdentity identity, DateTimeOffset? tokenExpiresAt, TokenBucket bucket)
{
    private readonly Lock _abuseLock = new();
    private long _abuseWindowStart;
    private int _refusals;

    public string ConnectionId => context.ConnectionId;

    public ChatIdentity Identity { get; } = identity;

    /// <summary>When the access token the connection was opened with expires.</summary>
    public DateTimeOffset? TokenExpiresAt { get; } = tokenExpiresAt;

    public TokenBucket Bucket { get; } = bucket;

    /// <summary>Set once the connection was fully opened (user feed and presence taken), so closing releases exactly what opening took.</summary>
    public bool Admitted { get; set; }

    /// <summary>Conversations this connection subscribed to (values unused).</summary>
    public ConcurrentDictionary<string, byte> Subscriptions { get; } = new(StringComparer.Ordinal);

    public void Abort() => context.Abort();

    /// <summary>Counts a refusal; true once, when the refusals within <paramref name="window"/> reach <paramref name="limit"/>.</summary>
    public bool CountRefusal(long timestamp, TimeProvider timeProvider, TimeSpan window, int limit)
    {
        lock (_abuseLock)
        {
            if (_refusals == 0 || timeProvider.GetElapsedTime(_abuseWindowStart, timestamp) > window)
            {
                _abuseWindowStart = timestamp;
                _refusals = 0;
            }

            return ++_refusals == limit;
        }
    }
}
