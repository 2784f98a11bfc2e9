namespace OrleansChat.Gateway.Auth;

/// <summary>Token, session and password settings (configuration section <c>Gateway:Auth</c>).</summary>
public sealed class GatewayAuthOptions
{
    public const string SectionName = "Gateway:Auth";

    /// <summary>
    /// The only secret every replica must share. It never signs tokens itself: it encrypts
    /// (AES-256-GCM, key derived with HKDF) the random HMAC signing keys kept in
    /// <c>auth_signing_keys</c>, so a copy of the database alone cannot mint tokens. At least 32
    /// characters; required outside Development (where a fixed development-only value is used
    /// when it is missing). Never logged.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>The <c>iss</c> claim issued and required.</summary>
    public string Issuer { get; set; } = "orleanschat";

    /// <summary>The <c>aud</c> claim issued and required.</summary>
    public string Audience { get; set; } = "orleanschat";

    /// <summary>Lifetime of an access token; also how long a revoked session's id is remembered.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Absolute lifetime of a registered user's session (its refresh tokens stop working then).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Absolute lifetime of a guest's session; a guest cannot log in again once it ends.</summary>
    public TimeSpan GuestSessionLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Tolerance for clock differences between replicas when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one signing key signs new tokens before the next one takes over (rotation period).</summary>
    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a replica reloads the key ring (and rotates it when due).</summary>
    public TimeSpan KeyRingRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a replica re-reads revoked sessions from PostgreSQL (the safety net under LISTEN/NOTIFY).</summary>
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest time without a successful revocation poll before the replica stops trusting its
    /// revocation cache: tokens are then refused with 503 <c>auth.unavailable</c> (fail closed)
    /// and <c>/readyz</c> reports not ready.
    /// </summary>
    public TimeSpan RevocationMaxStaleness { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Listen for revocations with PostgreSQL LISTEN/NOTIFY (sub-second propagation); polling runs regardless.</summary>
    public bool RevocationNotifications { get; set; } = true;

    /// <summary>PBKDF2-HMAC-SHA512 iterations for new password hashes; at least 210,000 (OWASP).</summary>
    public int PasswordIterationCount { get; set; } = 210_000;
}
