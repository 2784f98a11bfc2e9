using OrleansChat.Gateway.Accounts;

namespace OrleansChat.Gateway.Auth;

/// <summary>Result of presenting a refresh token.</summary>
internal abstract record RefreshOutcome
{
    private RefreshOutcome()
    {
    }

    /// <summary>The token was current: it is replaced, and a new access token may be issued until <paramref name="AccessExpiresAt"/>.</summary>
    public sealed record Rotated(Account Account, Guid SessionId, DateTimeOffset SessionExpiresAt, DateTimeOffset AccessExpiresAt) : RefreshOutcome;

    /// <summary>The token had already been rotated away: it was copied, so the session is now revoked.</summary>
    public sealed record Reused(RevokedSession Session) : RefreshOutcome;

    /// <summary>Unknown, expired or revoked.</summary>
    public sealed record Invalid : RefreshOutcome
    {
        public static Invalid Instance { get; } = new();
    }
}
