using OrleansChat.Gateway.Cluster;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// A connection subscribed to a feed. While its <c>Subscribe</c> runs it is pending: events the
/// feed delivers meanwhile are kept in <see cref="Buffer"/> and flushed past the catch-up seam
/// before it joins the SignalR group. Guarded by the feed's gate.
/// </summary>
internal sealed class FeedMember(string connectionId, ChatIdentity identity)
{
    /// <summary>More buffered events than this fail the subscribe (the client retries) rather than grow without bound.</summary>
    public const int MaxBuffered = 10_000;

    public string ConnectionId { get; } = connectionId;

    public ChatIdentity Identity { get; } = identity;

    public List<FeedEvent>? Buffer { get; set; } = [];

    public bool Overflowed { get; set; }

    /// <summary>In the SignalR group: receives the feed's events directly.</summary>
    public bool IsActive { get; set; }

    public void Hold(FeedEvent e)
    {
        if (Buffer is null || Overflowed)
        {
            return;
        }

        if (Buffer.Count >= MaxBuffered)
        {
            Overflowed = true;
            Buffer.Clear();
            return;
        }

        Buffer.Add(e);
    }
}
