using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Gateway.Cluster;

namespace OrleansChat.Gateway.Hubs;

/// <summary>What the gateway keeps about one hub connection.</summary>
internal sealed class HubConnection(HubConnectionContext context, ChatIdentity identity, DateTimeOffset? tokenExpiresAt, TokenBucket bucket)
{
    private readonly Lock _abuseLock = new();
    private long _abuseWindowStart;
    private int _refusals;
    private ConcurrentDictionary<string, byte>? _subscriptions;
    private bool _aborted;

    public string ConnectionId => context.ConnectionId;

    /// <summary>SignalR's side of the connection, which the feeds write events to (<see cref="HubWriter"/>).</summary>
    public HubConnectionContext Context => context;

    public ChatIdentity Identity { get; } = identity;

    /// <summary>When the access token the connection was opened with expires.</summary>
    public DateTimeOffset? TokenExpiresAt { get; } = tokenExpiresAt;

    public TokenBucket Bucket { get; } = bucket;

    /// <summary>Set once the connection was fully opened (user feed and presence taken), so closing releases exactly what opening took.</summary>
    public bool Admitted { get; set; }

    /// <summary>Conversations this connection subscribed to (values unused).</summary>
    /// <remarks>
    /// Created on first use: an empty concurrent dictionary costs about half a kilobyte, and most
    /// of a gateway's connections at any time are idle ones that may never subscribe (issue 8's
    /// memory per idle connection).
    /// </remarks>
    public ConcurrentDictionary<string, byte> Subscriptions =>
        _subscriptions ?? LazyInitializer.EnsureInitialized(ref _subscriptions, static () => new(StringComparer.Ordinal));

    /// <summary>A snapshot of <see cref="Subscriptions"/>, without creating it for a connection that never subscribed.</summary>
    public string[] SubscribedConversations() => Volatile.Read(ref _subscriptions) is { } subscriptions ? [.. subscriptions.Keys] : [];

    /// <summary>Set once the gateway closed the connection: it takes no more events while SignalR winds it down.</summary>
    public bool IsAborted => Volatile.Read(ref _aborted);

    public void Abort()
    {
        Volatile.Write(ref _aborted, true);
        context.Abort();
    }

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
