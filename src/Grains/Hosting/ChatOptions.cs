using OrleansChat.Grains.Moderation;

namespace OrleansChat.Grains.Hosting;

/// <summary>Settings of the chat grains; validated when the host starts.</summary>
public sealed class ChatOptions
{
    /// <summary>Configuration section name, for hosts that bind it.</summary>
    public const string SectionName = "Chat";

    /// <summary>Largest message text in code points (at most 4,000).</summary>
    public int MaxMessageLength { get; set; } = Validation.ChatLimits.MaxMessageLength;

    /// <summary>Per-user message rate limit in each conversation.</summary>
    public MessageRateLimitOptions RateLimit { get; } = new();

    /// <summary>Repeated-text spam detection.</summary>
    public SpamOptions Spam { get; } = new();

    /// <summary>Words that are masked or refused in messages.</summary>
    public WordFilterOptions WordFilter { get; } = new();

    /// <summary>How long a game invitation stays open.</summary>
    public TimeSpan GameInviteLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An observer subscription expires unless renewed within this time (gateways renew at about half of it).</summary>
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A gateway node's presence report for a user expires unless renewed within this time.</summary>
    public TimeSpan PresenceLeaseLifetime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>At most one typing signal per user and conversation in this time.</summary>
    public TimeSpan TypingThrottle { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>PBKDF2-HMAC-SHA512 iterations for room passwords (at least 210,000, OWASP).</summary>
    public int PasswordIterations { get; set; } = 210_000;

    /// <summary>Wrong room passwords a user may try in <see cref="PasswordAttemptWindow"/>.</summary>
    public int PasswordAttempts { get; set; } = 5;

    /// <summary>Window of <see cref="PasswordAttempts"/>.</summary>
    public TimeSpan PasswordAttemptWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most messages of one conversation written in one group-commit statement.</summary>
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>Append transactions the silo runs at once; appends of all conversations that arrive while they are busy are committed together in the next.</summary>
    public int GroupCommitWriters { get; set; } = 2;

    /// <summary>Most messages (so also conversations) in one append transaction across conversations; at least <see cref="MaxBatchSize"/>.</summary>
    public int GroupCommitMaxMessages { get; set; } = 2_000;

    /// <summary>An observer with this many undelivered events is dropped (it stopped keeping up).</summary>
    public int MaxPendingDeliveries { get; set; } = 1_000;

    /// <summary>Members a room keeps cached in memory; more are re-read from the database on demand.</summary>
    public int MemberCacheSize { get; set; } = 10_000;

    /// <summary>Recent messages a conversation remembers to answer client retries without the database.</summary>
    public int RecentMessageCacheSize { get; set; } = 512;

    /// <summary>Limit for each database command of the chat grains.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
