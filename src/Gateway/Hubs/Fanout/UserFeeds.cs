using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// One observer subscription per user with at least one connection on this gateway, to that user's
/// grain (notifications, own and friends' presence), renewed before its lease expires and ended
/// when the user's last local connection closes.
/// </summary>
internal sealed partial class UserFeeds(
    IGrainFactory factory,
    HubConnections connections,
    HubWriter writer,
    IOptions<ChatHubOptions> options,
    TimeProvider timeProvider,
    ILogger<UserFeeds> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, Feed> _feeds = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Acquire(ChatIdentity who)
    {
        lock (_lock)
        {
            if (!_feeds.TryGetValue(who.UserId, out var feed))
            {
                feed = new Feed(who, new UserObserver(who.UserId, connections, writer));
                _feeds[who.UserId] = feed;
                using (ExecutionContext.SuppressFlow())
                {
                    feed.Loop = Task.Run(() => RunAsync(feed));
                }
            }

            feed.Connections++;
        }
    }

    public void Release(ChatIdentity who)
    {
        Feed? stopped = null;
        lock (_lock)
        {
            if (_feeds.TryGetValue(who.UserId, out var feed) && --feed.Connections == 0)
            {
                _feeds.Remove(who.UserId);
                stopped = feed;
            }
        }

        if (stopped is not null)
        {
            stopped.Stopping.Cancel();
        }
    }

    /// <summary>
    /// Renews every user subscription now: the set of silos changed, so a user grain may have moved
    /// to another silo, whose new activation knows no subscriber yet.
    /// </summary>
    public void RenewAll()
    {
        Feed[] feeds;
        lock (_lock)
        {
            feeds = [.. _feeds.Values];
        }

        foreach (var feed in feeds)
        {
            feed.Wake();
        }
    }

    public async Task StopAllAsync()
    {
        Feed[] feeds;
        lock (_lock)
        {
            feeds = [.. _feeds.Values];
            _feeds.Clear();
        }

        foreach (var feed in feeds)
        {
            await feed.Stopping.CancelAsync();
        }

        await Task.WhenAll(feeds.Select(f => f.Loop ?? Task.CompletedTask));
    }

    private async Task RunAsync(Feed feed)
    {
        var grain = factory.GetGrain<IUserGrain>(feed.Identity.UserId);
        var reference = factory.CreateObjectReference<IUserObserver>(feed.Observer);
        var stopping = feed.Stopping.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                // Taken before subscribing: a change of silos while the call is on its way (it may
                // have been routed by the older view) must still wake the loop for another round.
                var wake = feed.NextWake;
                TimeSpan delay;
                try
                {
                    var lease = await GrainCaller.As(feed.Identity, () => grain.Subscribe(reference));
                    var half = (lease.ExpiresAt - timeProvider.GetUtcNow()) / 2;
                    delay = half < options.Value.SubscriptionRenewal ? half : options.Value.SubscriptionRenewal;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSubscribeFailed(logger, feed.Identity.UserId, ex.GetType().Name);
                    delay = RetryDelay;
                }

                // Until the next renewal, or sooner when the cluster's silos change (RenewAll).
                await Task.WhenAny(Task.Delay(delay > TimeSpan.FromMilliseconds(100) ? delay : TimeSpan.FromMilliseconds(100), timeProvider, stopping), wake);
                stopping.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                await GrainCaller.As(feed.Identity, () => grain.Unsubscribe(reference));
            }
            catch (Exception ex)
            {
                LogUnsubscribeFailed(logger, feed.Identity.UserId, ex.GetType().Name);
            }

            factory.DeleteObjectReference<IUserObserver>(feed.Observer);
            feed.Stopping.Dispose();
        }
    }

    [LoggerMessage(EventId = 5630, Level = LogLevel.Warning, Message = "Subscribing to user {UserId} failed ({Error}); retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, string userId, string error);

    [LoggerMessage(EventId = 5631, Level = LogLevel.Debug, Message = "Unsubscribing from user {UserId} failed ({Error}); the lease will expire")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string userId, string error);

    private sealed class Feed(ChatIdentity identity, UserObserver observer)
    {
        public ChatIdentity Identity { get; } = identity;

        public UserObserver Observer { get; } = observer;

        public CancellationTokenSource Stopping { get; } = new();

        public Task? Loop { get; set; }

        private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Connections { get; set; }

        /// <summary>Completes at the next <see cref="Wake"/>.</summary>
        public Task NextWake => Volatile.Read(ref _wake).Task;

        public void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
