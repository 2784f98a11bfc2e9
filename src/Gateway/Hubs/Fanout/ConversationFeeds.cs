using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Diagnostics;
using OrleansChat.Gateway.Hubs.Contracts;
using OrleansChat.Gateway.Http;
using OrleansChat.Gateway.Messages;
using OrleansChat.Grains.Messages;
using OrleansChat.Runtime;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// The conversation feeds of this gateway: a feed exists while at least one local connection is
/// subscribed to its conversation, and is stopped (its grain subscription ended) when the last
/// one leaves. See <see cref="ConversationFeed"/> for delivery and the catch-up seam.
/// </summary>
internal sealed partial class ConversationFeeds(
    IGrainFactory factory,
    HubWriter writer,
    MessageViewFactory views,
    UserNameCache names,
    HubConnections connections,
    IOptions<ChatHubOptions> options,
    TimeProvider timeProvider,
    GatewayMetrics metrics,
    ILogger<ConversationFeed> feedLogger,
    ILogger<ConversationFeeds> logger)
{
    private readonly Dictionary<string, ConversationFeed> _feeds = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Feeds (conversations with local subscribers) right now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>Renews every feed's grain subscription now (the cluster's silos changed; see <see cref="ConversationFeed.RenewNow"/>).</summary>
    public void RenewAll()
    {
        ConversationFeed[] feeds;
        lock (_lock)
        {
            feeds = [.. _feeds.Values];
        }

        foreach (var feed in feeds)
        {
            feed.RenewNow();
        }

        if (feeds.Length > 0)
        {
            LogRenewingAll(logger, feeds.Length);
        }
    }

    public async Task<SubscribeResult> SubscribeAsync(
        HubConnection connection, string conversationId, IConversationGrain grain, long? lastSeenSeq, CancellationToken cancellationToken)
    {
        if (connection.Subscriptions.ContainsKey(conversationId))
        {
            // A re-subscribe on the same connection starts a fresh seam.
            await UnsubscribeAsync(connection, conversationId);
        }

        if (connection.Subscriptions.Count >= options.Value.MaxSubscriptionsPerConnection)
        {
            throw HubErrors.Of(ErrorCodes.RequestInvalid, $"A connection can subscribe to at most {options.Value.MaxSubscriptionsPerConnection} conversations.");
        }

        // Recorded before the feed reservation, so that a disconnect racing this subscribe either
        // finds it (and leaves the feed) or is caught by the check after the join.
        connection.Subscriptions[conversationId] = 0;
        ConversationFeed feed;
        lock (_lock)
        {
            if (!_feeds.TryGetValue(conversationId, out feed!) || feed.IsClosed)
            {
                feed = new ConversationFeed(conversationId, grain, factory, writer, views, names, options.Value, timeProvider, metrics, feedLogger, OnMembersRemoved);
                _feeds[conversationId] = feed;
                LogFeedStarted(logger, conversationId);
            }

            feed.Reserve(connection);
        }

        try
        {
            var result = await feed.JoinAsync(connection.ConnectionId, lastSeenSeq, cancellationToken);
            if (connections.Find(connection.ConnectionId) is null)
            {
                // The connection closed while subscribing: leave, or the feed would keep a member that is gone.
                throw new OperationCanceledException("The connection closed while subscribing.");
            }

            return result;
        }
        catch
        {
            connection.Subscriptions.TryRemove(conversationId, out _);
            await LeaveAsync(feed, connection.ConnectionId);
            throw;
        }
    }

    public async Task UnsubscribeAsync(HubConnection connection, string conversationId)
    {
        if (!connection.Subscriptions.TryRemove(conversationId, out _))
        {
            return;
        }

        ConversationFeed? feed;
        lock (_lock)
        {
            _feeds.TryGetValue(conversationId, out feed);
        }

        if (feed is not null)
        {
            await LeaveAsync(feed, connection.ConnectionId);
        }
    }

    /// <summary>Removes a closing connection from every feed it subscribed to.</summary>
    public async Task DisconnectAsync(HubConnection connection)
    {
        foreach (var conversationId in connection.SubscribedConversations())
        {
            try
            {
                await UnsubscribeAsync(connection, conversationId);
            }
            catch (Exception ex)
            {
                LogLeaveFailed(logger, conversationId, ex);
            }
        }
    }

    /// <summary>Stops every feed (gateway shutdown).</summary>
    public async Task StopAllAsync()
    {
        ConversationFeed[] feeds;
        lock (_lock)
        {
            feeds = [.. _feeds.Values];
            foreach (var feed in feeds)
            {
                feed.IsClosed = true;
            }

            _feeds.Clear();
        }

        await Task.WhenAll(feeds.Select(f => f.StopAsync()));
    }

    private async Task LeaveAsync(ConversationFeed feed, string connectionId)
    {
        await feed.RemoveAsync(connectionId);
        await StopIfEmptyAsync(feed);
    }

    private async Task StopIfEmptyAsync(ConversationFeed feed)
    {
        lock (_lock)
        {
            if (!feed.IsEmpty || feed.IsClosed)
            {
                return;
            }

            feed.IsClosed = true;
            if (_feeds.TryGetValue(feed.ConversationId, out var current) && ReferenceEquals(current, feed))
            {
                _feeds.Remove(feed.ConversationId);
            }
        }

        LogFeedStopped(logger, feed.ConversationId);
        await feed.StopAsync();
    }

    /// <summary>A feed evicted members on its own (they left, were kicked, banned, or the room was deleted).</summary>
    private void OnMembersRemoved(ConversationFeed feed, IReadOnlyList<string> connectionIds)
    {
        foreach (var connectionId in connectionIds)
        {
            connections.Find(connectionId)?.Subscriptions.TryRemove(feed.ConversationId, out _);
        }

        // Called on the feed's pump, which stopping waits for: stop from another flow.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => StopIfEmptyAsync(feed));
        }
    }

    [LoggerMessage(EventId = 5620, Level = LogLevel.Debug, Message = "Feed of {ConversationId} started")]
    private static partial void LogFeedStarted(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 5621, Level = LogLevel.Debug, Message = "Feed of {ConversationId} stopped: no local subscriber left")]
    private static partial void LogFeedStopped(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 5622, Level = LogLevel.Warning, Message = "Leaving the feed of {ConversationId} failed")]
    private static partial void LogLeaveFailed(ILogger logger, string conversationId, Exception exception);

    [LoggerMessage(EventId = 5625, Level = LogLevel.Information, Message = "The cluster's silos changed: renewing the subscriptions of {Count} conversation feeds")]
    private static partial void LogRenewingAll(ILogger logger, int count);
}
