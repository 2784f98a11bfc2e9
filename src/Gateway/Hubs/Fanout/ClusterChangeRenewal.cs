using OrleansChat.Runtime.Placement;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// Renews every conversation and user feed's subscription as soon as the cluster's Active silos
/// change, and once more when the silos have had time to agree on the change. A silo that stops
/// (a rolling restart) or joins moves grains to other silos, and a moved grain starts without the
/// gateway's subscription: without this, its events would reach hub clients only at the next
/// periodic renewal (up to <see cref="ChatHubOptions.SubscriptionRenewal"/> later; conversation
/// messages are then re-read from history, user notifications are not).
/// </summary>
/// <remarks>
/// The second round exists because the silos learn of a change up to their membership refresh
/// period (2 s by default) after this gateway did, and may still move a grain that the first round
/// just subscribed to.
/// </remarks>
internal sealed class ClusterChangeRenewal(IActiveSilosMonitor silos, ConversationFeeds conversations, UserFeeds users, TimeProvider timeProvider) : IHostedService, IDisposable
{
    /// <summary>Two default membership refresh periods of the silos, and a margin.</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(5);

    private ITimer? _settled;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _settled = timeProvider.CreateTimer(_ => RenewAll(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        silos.ActiveSilosChanged += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        silos.ActiveSilosChanged -= OnChanged;
        _settled?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose() => _settled?.Dispose();

    private void OnChanged()
    {
        RenewAll();

        // Restarted by every change: one more round after the last change of a series (a rolling restart).
        _settled?.Change(SettleDelay, Timeout.InfiniteTimeSpan);
    }

    private void RenewAll()
    {
        conversations.RenewAll();
        users.RenewAll();
    }
}
