using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// The ids of revoked sessions whose access tokens may not have expired yet, as this replica
/// knows them. Fed by <see cref="SessionRevocationMonitor"/> (polls and notifications) and by
/// local revocations. Only ever grows until an entry's tokens have all expired, so a poll that
/// raced a notification can never "un-revoke" a session.
/// </summary>
internal sealed class SessionRevocationCache
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _revoked = new();
    private readonly GatewayAuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private long _lastSyncTimestamp;
    private volatile bool _synced;

    public SessionRevocationCache(IOptions<GatewayAuthOptions> options, TimeProvider timeProvider)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Whether the cache reflects the database recently enough to trust a "not revoked" answer:
    /// a full read succeeded within <see cref="GatewayAuthOptions.RevocationMaxStaleness"/>.
    /// </summary>
    public bool IsFresh => _synced && TimeSinceSync <= _options.RevocationMaxStaleness;

    /// <summary>Time since the start of the last successful full read (infinite before the first).</summary>
    public TimeSpan TimeSinceSync => _synced ? _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastSyncTimestamp)) : TimeSpan.MaxValue;

    public int Count => _revoked.Count;

    public bool IsRevoked(Guid sessionId) => _revoked.ContainsKey(sessionId);

    /// <summary>Records a revocation; true if it was not known yet (the caller then announces it).</summary>
    public bool TryAdd(Guid sessionId, DateTimeOffset accessExpiresAt)
    {
        var added = false;
        _revoked.AddOrUpdate(
            sessionId,
            _ =>
            {
                added = true;
                return accessExpiresAt;
            },
            (_, known) => known > accessExpiresAt ? known : accessExpiresAt);
        return added;
    }

    /// <summary>
    /// Marks a full read as complete. <paramref name="startedTimestamp"/> is when the read began:
    /// freshness counts from then, since revocations committed during the read may be missing.
    /// </summary>
    public void MarkSynced(long startedTimestamp)
    {
        Interlocked.Exchange(ref _lastSyncTimestamp, startedTimestamp);
        _synced = true;
    }

    /// <summary>Forgets sessions whose every access token has expired (plus clock skew).</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (sessionId, accessExpiresAt) in _revoked)
        {
            if (accessExpiresAt + _options.ClockSkew < now)
            {
                _revoked.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(sessionId, accessExpiresAt));
            }
        }
    }
}
