namespace OrleansChat.Gateway.Hubs;

/// <summary>Settings of the chat hub (configuration section <c>Gateway:Hub</c>); validated at start-up.</summary>
public sealed class ChatHubOptions
{
    public const string SectionName = "Gateway:Hub";

    /// <summary>
    /// Largest incoming hub message. 64 KiB holds the longest message text (4,000 code points, at
    /// most 16 KB of UTF-8 and 24 KB JSON-escaped) with room to spare; anything larger is refused
    /// by SignalR before it is parsed, and the connection is closed.
    /// </summary>
    public long MaxReceiveMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Sustained invocations per second one connection may make.</summary>
    public double ConnectionPermitsPerSecond { get; set; } = 10;

    /// <summary>Invocations one connection may make at once (a reconnect subscribes to every watched conversation).</summary>
    public int ConnectionBurst { get; set; } = 60;

    /// <summary>Sustained invocations per second one user may make over all their connections to this gateway.</summary>
    public double UserPermitsPerSecond { get; set; } = 20;

    /// <summary>Invocations one user may make at once over all their connections to this gateway.</summary>
    public int UserBurst { get; set; } = 120;

    /// <summary>A connection refused this many times within <see cref="AbuseWindow"/> is closed.</summary>
    public int AbuseRefusals { get; set; } = 40;

    public TimeSpan AbuseWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most conversations one connection may subscribe to.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 500;

    /// <summary>Most missed messages <c>Subscribe</c> returns (the protocol fixes 500).</summary>
    public int MaxCatchUpMessages { get; set; } = 500;

    /// <summary>
    /// Longest time between renewals of this gateway's observer subscriptions (conversations and
    /// users); renewals also happen at half of each lease. A subscription a grain lost (its silo
    /// died) is re-established, and missed messages re-read, within this time.
    /// </summary>
    public TimeSpan SubscriptionRenewal { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often presence reports are renewed (the grains' lease lasts 90 s by default).</summary>
    public TimeSpan PresenceRenewal { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Close a connection when the access token it was opened with expires (clients reconnect with a fresh token).</summary>
    public bool CloseOnTokenExpiry { get; set; } = true;

    /// <summary>
    /// Longest wait for a connection to take an event once its outgoing buffer (256 KiB) is full;
    /// a connection that does not is closed, and its client reconnects and catches up from its
    /// last seen seq. Everyone else in the conversation on this gateway waits at most this long
    /// for one client that stopped reading.
    /// </summary>
    public TimeSpan SlowConsumerTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// In a hot conversation — at least <see cref="HotRoomMinSubscribers"/> subscribers on this
    /// gateway, and messages on average less than two windows apart — how long a posted message
    /// waits for the ones behind it before they go out together, one write per connection instead
    /// of one per message (0 turns it off). Fan-out costs per write, not per byte, so a busy big
    /// room sustains a higher rate for this much latency; other conversations pay nothing.
    /// </summary>
    public TimeSpan HotRoomBatchWindow { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Subscribers on this gateway from which a conversation's messages wait <see cref="HotRoomBatchWindow"/>.</summary>
    public int HotRoomMinSubscribers { get; set; } = 100;
}
