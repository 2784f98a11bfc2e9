using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime;

namespace OrleansChat.Gateway.Hubs.Presence;

/// <summary>
/// Tells each user's grain how many of the user's connections this gateway holds: at once when the
/// user's first connection here opens or their last one closes, and every
/// <see cref="ChatHubOptions.PresenceRenewal"/> as the grain's report lease would otherwise expire.
/// A user is online while any gateway reports a connection; a gateway that dies stops renewing and
/// its reports expire.
/// </summary>
/// <remarks>
/// Only those two changes are reported at once because only they can change what the grain
/// derives (online while any node reports a connection): a second tab, or a reconnect that opens
/// before the old connection is seen closed, costs no grain call (issue 8: a report was the
/// largest part of the garbage of opening a connection). The count a report carries is the one
/// when it runs; renewals carry the current count.
/// </remarks>
internal sealed partial class PresenceReporter(
    IGrainFactory grains,
    GatewayNode node,
    IOptions<ChatHubOptions> options,
    TimeProvider timeProvider,
    ILogger<PresenceReporter> logger) : BackgroundService
{
    private readonly Dictionary<string, UserConnections> _users = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// The connection count last reported for <paramref name="userId"/>; 0 once the close of their
    /// last connection here was reported (or before any report). Diagnostics and tests: nothing is
    /// kept for a user without connections here.
    /// </summary>
    public int LastReported(string userId) => Tracked(userId)?.LastReported ?? 0;

    /// <summary>Reports started by connection changes since <paramref name="userId"/>'s first connection here opened (diagnostics and tests).</summary>
    public int ChangeReports(string userId) => Tracked(userId)?.ChangeReports ?? 0;

    public void Opened(ChatIdentity who) => Change(who, +1);

    public void Closed(ChatIdentity who) => Change(who, -1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PresenceRenewal, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                UserConnections[] users;
                lock (_lock)
                {
                    users = [.. _users.Values];
                }

                foreach (var user in users)
                {
                    await ReportAsync(user);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Change(ChatIdentity who, int delta)
    {
        UserConnections user;
        bool crossed;
        lock (_lock)
        {
            if (!_users.TryGetValue(who.UserId, out user!))
            {
                user = new UserConnections(who);
                _users[who.UserId] = user;
            }

            var before = user.Count;
            user.Count = Math.Max(0, before + delta);
            crossed = (before == 0) != (user.Count == 0);
        }

        if (!crossed)
        {
            return;
        }

        // One queued report per user, not one per connection change: a report reads the count
        // when it runs, so a queued one already carries every change made before it starts. When
        // thousands of connections open at once (a gateway restart, issue 8's soak) this saves a
        // task, a wait on the gate and a grain call per connection.
        if (Interlocked.Exchange(ref user.Queued, 1) == 1)
        {
            return;
        }

        Interlocked.Increment(ref user.ChangeReports);
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => ReportAsync(user));
        }
    }

    /// <summary>Reports the user's current count; one report at a time per user, so the last report carries the latest count.</summary>
    private async Task ReportAsync(UserConnections user)
    {
        await user.Gate.WaitAsync();
        try
        {
            // Before reading the count: a change after this point queues a report of its own.
            Interlocked.Exchange(ref user.Queued, 0);
            int count;
            lock (_lock)
            {
                count = user.Count;
            }

            await GrainCaller.As(user.Identity, () => grains.GetGrain<IUserGrain>(user.Identity.UserId).ReportPresence(node.Id, count, 0));
            Volatile.Write(ref user.LastReported, count);
            if (count == 0)
            {
                lock (_lock)
                {
                    if (user.Count == 0 && _users.TryGetValue(user.Identity.UserId, out var current) && ReferenceEquals(current, user))
                    {
                        _users.Remove(user.Identity.UserId);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            // The next renewal (or connection change) reports again.
            LogReportFailed(logger, user.Identity.UserId, ex.GetType().Name);
        }
        finally
        {
            user.Gate.Release();
        }
    }

    [LoggerMessage(EventId = 5640, Level = LogLevel.Debug, Message = "Presence report for {UserId} failed ({Error}); retrying at the next renewal")]
    private static partial void LogReportFailed(ILogger logger, string userId, string error);

    private UserConnections? Tracked(string userId)
    {
        lock (_lock)
        {
            return _users.GetValueOrDefault(userId);
        }
    }

    private sealed class UserConnections(ChatIdentity identity)
    {
        public ChatIdentity Identity { get; } = identity;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Count { get; set; }

        /// <summary>1 while a report started by a connection change waits to run (see <see cref="Change"/>).</summary>
        public int Queued;

        public int LastReported;

        public int ChangeReports;
    }
}
