using OrleansChat.Gateway.Cluster;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// A connection subscribed to a feed. While its <c>Subscribe</c> runs it is pending: events the
/// feed delivers meanwhile are kept in <see cref="Buffer"/> and flushed past the catch-up seam
/// before it becomes active and receives the feed's events directly. Guarded by the feed's gate.
/// </summary>
internal sealed class FeedMember(HubConnection connection)
{
    /// <summary>More buffered events than this fail the subscribe (the client retries) rather than grow without bound.</summary>
    public const int MaxBuffered = 10_000;

    public HubConnection Connection { get; } = connection;

    public string ConnectionId => Connection.ConnectionId;

    public ChatIdentity Identity => Connection.Identity;

    public List<FeedEvent>? Buffer { get; set; } = [];

    public bool Overflowed { get; set; }

    /// <summary>Past the catch-up seam: receives the feed's events directly.</summary>
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
