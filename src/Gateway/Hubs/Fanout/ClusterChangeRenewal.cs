using OrleansChat.Runtime.Placement;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// Renews every conversation feed's subscription as soon as the cluster's Active silos change.
/// A silo that stops (a rolling restart) or joins moves grains to other silos, and a moved
/// conversation grain starts without the gateway's subscription: without this, its messages would
/// reach hub clients only at the next periodic renewal (up to <see cref="ChatHubOptions.SubscriptionRenewal"/>
/// later, then from history). Renewing re-subscribes on the new owner and fills the gap from history.
/// </summary>
internal sealed class ClusterChangeRenewal(IActiveSilosMonitor silos, ConversationFeeds feeds) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        silos.ActiveSilosChanged += feeds.RenewAll;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        silos.ActiveSilosChanged -= feeds.RenewAll;
        return Task.CompletedTask;
    }
}
