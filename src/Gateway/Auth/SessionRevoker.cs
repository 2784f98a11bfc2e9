namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Revokes sessions: in PostgreSQL (which notifies every replica), in this replica's cache at
/// once (so the revoking replica never lags), and to this replica's <see cref="ISessionRevokedHandler"/>s.
/// </summary>
internal sealed class SessionRevoker(SessionStore store, SessionRevocationCache cache, SessionRevocationPublisher publisher, TimeProvider timeProvider)
{
    /// <summary>Revokes <paramref name="sessionId"/>; idempotent.</summary>
    public async Task RevokeAsync(Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeAsync(sessionId, reason, timeProvider.GetUtcNow(), cancellationToken);
        if (revoked is not null)
        {
            await ObserveAsync(revoked, cancellationToken);
        }
    }

    /// <summary>Records a revocation learned from anywhere; announces it if it is new here.</summary>
    public async ValueTask ObserveAsync(RevokedSession revoked, CancellationToken cancellationToken)
    {
        if (cache.TryAdd(revoked.SessionId, revoked.AccessExpiresAt))
        {
            await publisher.PublishAsync(new SessionRevoked(revoked.SessionId, revoked.UserId), cancellationToken);
        }
    }
}
